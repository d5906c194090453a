import type { FetchToken, TokenGrant } from '@callsession/core'
import type { InProcessEmulator } from '@callsession/emulator'

/** What the next token request gets instead of a grant. */
export type Fault = 'unauthorized' | 'server-error' | 'network' | 'garbage' | 'other-uid'

/** App users known to CometChat (the emulator); `mallory` is who an `other-uid` fault hands out. */
const UIDS = ['alice', 'bob', 'mallory'] as const

/**
 * The app server for property and soak tests, on whatever clock is installed: it answers for the
 * app user signed in right now (like a cookie), after `latencyMs`, with faults queued by the test.
 * Its grants carry **real** tokens, minted at the emulator through the REST API
 * (`POST /users/{uid}/auth_tokens`, `force: true`, REST API key), as an app server does.
 */
export async function createScriptedTokenSource(
  emulator: InProcessEmulator,
  { latencyMs = 50, lifetimeSeconds = 600 } = {},
) {
  const rest = async (method: string, path: string, body?: unknown) => {
    const response = await emulator.fetch(`${emulator.restBaseUrl}${path}`, {
      method,
      headers: {
        apiKey: emulator.apiKey,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const answer = (await response.json()) as { data?: Record<string, unknown>; error?: unknown }
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer.error)}`)
    return answer
  }
  for (const uid of UIDS) await rest('POST', '/users', { uid, name: uid })

  let signedIn: string | null = null
  let issued = 0
  const faults: Fault[] = []
  const mint = async (uid: string) => {
    const { data } = await rest('POST', `/users/${uid}/auth_tokens`, { force: true })
    issued++
    return String(data?.authToken)
  }
  const fetchToken: FetchToken = ({ signal }) =>
    new Promise<TokenGrant>((resolve, reject) => {
      const fault = faults.shift()
      const timer = setTimeout(async () => {
        const uid = signedIn
        if (fault === 'network') return reject(new TypeError('fetch failed'))
        if (fault === 'unauthorized' || uid === null) {
          return reject(Object.assign(new Error('401'), { code: 'UNAUTHORIZED' }))
        }
        if (fault === 'server-error') return reject(new Error('500'))
        if (fault === 'garbage') return resolve({ uid, authToken: '' } as TokenGrant)
        const owner = fault === 'other-uid' ? 'mallory' : uid
        try {
          const authToken = await mint(owner)
          resolve({ uid: owner, authToken, expiresIn: lifetimeSeconds, user: { uid: owner } })
        } catch (error) {
          reject(error)
        }
      }, latencyMs)
      signal.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(signal.reason)
      })
    })
  return {
    fetchToken,
    /** Tokens minted at CometChat so far. */
    get issued() {
      return issued
    },
    signIn(uid: string | null) {
      signedIn = uid
    },
    fail(fault: Fault) {
      faults.push(fault)
    },
    /** Revokes every token of every user at CometChat (REST: delete all auth tokens). */
    async revokeAll() {
      for (const uid of UIDS) await rest('DELETE', `/users/${uid}/auth_tokens`)
    },
    /** Whether CometChat accepts `authToken` now (it answers a call-token request for it). */
    async accepted(authToken: string | null | undefined) {
      if (!authToken) return false
      const response = await emulator.fetch(`${emulator.sdkHosts.host}/call_tokens`, {
        method: 'POST',
        headers: { authToken, appId: emulator.appId, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: 'soak-check' }),
      })
      return response.ok
    },
  }
}
