import type { FetchToken, TokenGrant } from '@callsession/core'

/** What the next token request gets instead of a grant. */
export type Fault = 'unauthorized' | 'server-error' | 'network' | 'garbage' | 'other-uid'

/**
 * The app server for property and soak tests, on whatever clock is installed: it answers for the
 * app user signed in right now (like a cookie), after `latencyMs`, with faults queued by the test.
 */
export function createScriptedTokenSource({ latencyMs = 50, lifetimeSeconds = 600 } = {}) {
  let signedIn: string | null = null
  let issued = 0
  const faults: Fault[] = []
  const issuedAt = new Map<string, number>()
  const fetchToken: FetchToken = ({ signal }) =>
    new Promise<TokenGrant>((resolve, reject) => {
      const fault = faults.shift()
      const timer = setTimeout(() => {
        const uid = signedIn
        if (fault === 'network') return reject(Object.assign(new TypeError('fetch failed')))
        if (fault === 'unauthorized' || uid === null) {
          return reject(Object.assign(new Error('401'), { code: 'UNAUTHORIZED' }))
        }
        if (fault === 'server-error') return reject(new Error('500'))
        if (fault === 'garbage') return resolve({ uid, authToken: '' } as TokenGrant)
        const owner = fault === 'other-uid' ? 'mallory' : uid
        issued++
        const authToken = `${owner}_${issued}`
        issuedAt.set(authToken, Date.now())
        resolve({ uid: owner, authToken, expiresIn: lifetimeSeconds, user: { uid: owner } })
      }, latencyMs)
      signal.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(signal.reason)
      })
    })
  return {
    fetchToken,
    issuedAt,
    get issued() {
      return issued
    },
    signIn(uid: string | null) {
      signedIn = uid
    },
    fail(fault: Fault) {
      faults.push(fault)
    },
  }
}
