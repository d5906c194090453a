import { CancelledError, type QueryClient } from '@tanstack/query-core'
import { CallsSessionError, isCallsSessionError } from './errors.js'
import { type Grant, parseGrant } from './grant.js'
import { type RawGrant, retryAfterMs } from './tokenEndpoint.js'
import type { TokenFetchReason } from './types.js'

/** Fetches raw grants: `requestToken` for a token endpoint, or the app's own `fetchToken`. */
export type GrantRequest = (context: {
  signal: AbortSignal
  reason: TokenFetchReason
}) => Promise<RawGrant>

/** Network trouble, timeouts, 429 and 5xx are worth another try; 401/403 and bad answers are not. */
export const isRetryable = (error: unknown): boolean =>
  isCallsSessionError(error) &&
  (error.code === 'NETWORK_ERROR' ||
    error.code === 'TIMEOUT' ||
    (error.code === 'TOKEN_ENDPOINT_ERROR' && (error.status === 429 || (error.status ?? 0) >= 500)))

/** Exponential backoff from 500 ms, capped at 8 s, or what `Retry-After` asked for (at most 30 s). */
export function retryDelay(failureCount: number, error: unknown): number {
  const asked = retryAfterMs(error)
  return asked === undefined ? Math.min(500 * 2 ** failureCount, 8_000) : Math.min(asked, 30_000)
}

/** How often a cancel that the session did not ask for (the app's own QueryClient calls) is retried. */
const FOREIGN_CANCELS = 3
/** Distinguishes sessions of the same app in a shared QueryClient. */
let sessions = 0

/**
 * Token fetches through TanStack query-core: one fetch per `generation` is shared by every caller,
 * retried with backoff, cancellable, and visible in the app's Query Devtools. The grant leaves the
 * cache as soon as it is handed over, and its token is opaque to serializers anyway. A cancel from
 * the app's QueryClient (`clear()`, `cancelQueries()`, `resetQueries()`) is not the session's:
 * while `isCurrent(generation)` holds, the fetch goes on.
 */
export function createTokenQuery(
  client: QueryClient,
  appId: string,
  request: GrantRequest,
  { retries, isCurrent }: { retries: number; isCurrent: (generation: number) => boolean },
) {
  // Stryker disable next-line UpdateOperator: equivalent: counting down keeps each session's key distinct too
  const root = ['callsession', 'token', appId, ++sessions]
  return {
    /** A validated grant, and how many requests it took. */
    async fetch(
      generation: number,
      reason: TokenFetchReason,
    ): Promise<{ grant: Grant; attempts: number }> {
      const queryKey = [...root, generation]
      let attempts = 0
      for (let cancels = 0; ; cancels++) {
        try {
          const grant = await client.fetchQuery({
            queryKey,
            queryFn: async ({ signal }) => {
              attempts++
              const { body, serverDate } = await request({ signal, reason })
              return parseGrant(body, { receivedAt: Date.now(), serverDate })
            },
            retry: (failureCount, error) => failureCount < retries && isRetryable(error),
            retryDelay,
            networkMode: 'always',
            gcTime: 0,
          })
          return { grant, attempts }
        } catch (error) {
          const foreign = error instanceof CancelledError && isCurrent(generation)
          if (foreign && cancels < FOREIGN_CANCELS) continue
          throw isCallsSessionError(error)
            ? error
            : new CallsSessionError(
                error instanceof CancelledError ? 'ABORTED' : 'TOKEN_ENDPOINT_ERROR',
                undefined,
                { cause: error },
              )
        } finally {
          // Stryker disable next-line BooleanLiteral: equivalent: no query key extends [...root, generation]
          client.removeQueries({ queryKey, exact: true })
        }
      }
    },
    /** Cancels every token fetch of this session (logout, user switch, destroy). */
    cancel: () => void client.cancelQueries({ queryKey: root }),
  }
}
