import type { FetchToken, TokenFetchReason } from '@callsession/core'

/** A token source that counts what the browser asks the app server for. */
export interface CountingTokenSource {
  fetchToken: FetchToken
  /** How many token requests reached the "server" so far. */
  readonly requests: number
  /** The `reason` of each request, in order. */
  readonly reasons: readonly TokenFetchReason[]
}

/**
 * Plays the app's token endpoint: every request is one round trip, answered after `latencyMs`
 * (on whatever clock is installed) with a fresh token of `lifetimeSeconds`, minted for real at
 * CometChat (the emulator) by `mint`.
 */
export function createCountingTokenSource({
  uid = 'alice',
  lifetimeSeconds = 3600,
  latencyMs = 100,
  mint,
}: {
  uid?: string
  lifetimeSeconds?: number
  latencyMs?: number
  mint: (uid: string) => Promise<string>
}): CountingTokenSource {
  const reasons: TokenFetchReason[] = []
  return {
    get requests() {
      return reasons.length
    },
    reasons,
    fetchToken: async ({ reason, signal }) => {
      reasons.push(reason)
      const authToken = await mint(uid)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            resolve({ uid, authToken, expiresIn: lifetimeSeconds, user: { uid, name: 'Alice' } }),
          latencyMs,
        )
        signal.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(signal.reason)
        })
      })
    },
  }
}
