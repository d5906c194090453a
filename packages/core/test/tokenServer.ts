import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'

export const TOKEN_URL = 'http://app.test/api/cometchat/token'

/** How the fake app server answers the next token request; default: a fresh grant for `user`. */
export type Answer = (context: { uid: string | null; n: number }) => Response | Promise<Response>

/**
 * The app's token endpoint over msw: it knows who is "signed in" server-side (`signIn`), mints
 * `<uid>_<n>` tokens with `lifetimeSeconds`, and records every request it gets.
 */
export function createTokenServer({ lifetimeSeconds = 3600 } = {}) {
  let uid: string | null = 'alice'
  const answers: Answer[] = []
  const requests: { reason: unknown; credentials: RequestCredentials; method: string }[] = []
  let issued = 0
  const grant = (forUid: string) => {
    issued++
    return {
      uid: forUid,
      authToken: `${forUid}_${issued}`,
      expiresIn: lifetimeSeconds,
      user: { uid: forUid, name: forUid.charAt(0).toUpperCase() + forUid.slice(1) },
    }
  }
  const server = setupServer(
    http.post(TOKEN_URL, async ({ request }) => {
      const body = (await request.json().catch(() => null)) as { reason?: unknown } | null
      requests.push({
        reason: body?.reason,
        credentials: request.credentials,
        method: request.method,
      })
      const answer = answers.shift()
      if (answer) return answer({ uid, n: requests.length })
      if (uid === null) {
        return HttpResponse.json({ error: { code: 'UNAUTHORIZED' } }, { status: 401 })
      }
      return HttpResponse.json(grant(uid), { headers: { 'cache-control': 'no-store' } })
    }),
  )
  return {
    server,
    requests,
    /** The tokens issued so far, newest last. */
    lastToken: () => (issued === 0 ? undefined : `${uid}_${issued}`),
    grant,
    signIn(next: string | null) {
      uid = next
    },
    /** Queues special answers for the next requests, in order. */
    answerNext(...next: Answer[]) {
      answers.push(...next)
    },
    /** Back to a fresh server: alice signed in, nothing issued, nothing recorded. */
    reset() {
      uid = 'alice'
      issued = 0
      answers.length = 0
      requests.length = 0
      server.resetHandlers()
    },
    listen() {
      server.listen({ onUnhandledRequest: 'error' })
    },
    close() {
      server.close()
    },
  }
}
