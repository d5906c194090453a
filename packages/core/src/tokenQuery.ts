import { CancelledError, type QueryClient } from '@tanstack/query-core'
import { CallsSessionError, isCallsSessionError } from './errors.js'
import { type Grant, parseGrant } from './grant.js'
import { type RawGrant, retryAfterMs } from './tokenEndpoint.js'
import type { TokenFetchReason } from './types.js'

/** Fetches raw grants; `requestToken` for a token endpoint, or the app's own `fetchToken`. */
export type GrantRequest = (context: {
  signal: AbortSignal
  reason: TokenFetchReason
}) => Promise<RawGrant>

const MAX_RETRIES = 3

/** Network trouble, timeouts, 429 and 5xx are worth another try; 401/403 and bad answers are not. */
export function isRetryable(error: unknown): boolean {
  if (!isCallsSessionError(error)) return false
  if (error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT') return true
  const status = error.status ?? 0
  return error.code === 'TOKEN_ENDPOINT_ERROR' && (status === 429 || status >= 500)
}

/** Exponential backoff from 500 ms, capped at 8 s, or what `Retry-After` asked for (at most 30 s). */
export function retryDelay(failureCount: number, error: unknown): number {
  const asked = retryAfterMs(error)
  if (asked !== undefined) return Math.min(asked, 30_000)
  return Math.min(500 * 2 ** failureCount, 8_000)
}

/**
 * Token fetches through TanStack query-core: a fetch per `generation` is shared by every caller,
 * retried with backoff, cancellable, and visible in the app's Query Devtools. The grant is removed
 * from the cache as soon as it is handed over, and its token is opaque to serializers anyway.
 */
export function createTokenQuery(client: QueryClient, appId: string, request: GrantRequest) {
  const root = ['callsession', 'token', appId] as const
  return {
    async fetch(generation: number, reason: TokenFetchReason): Promise<Grant> {
      const queryKey = [...root, generation]
      try {
        return await client.fetchQuery({
          queryKey,
          queryFn: async ({ signal }) => {
            const raw = await request({ signal, reason })
            return parseGrant(raw.body, { receivedAt: Date.now(), serverDate: raw.serverDate })
          },
          retry: (failureCount, error) => failureCount < MAX_RETRIES && isRetryable(error),
          retryDelay,
          networkMode: 'always',
          staleTime: 0,
          gcTime: 0,
          meta: { persist: false },
        })
      } catch (error) {
        if (error instanceof CancelledError) {
          throw new CallsSessionError('ABORTED', 'Token request superseded', { cause: error })
        }
        if (isCallsSessionError(error)) throw error
        throw new CallsSessionError('TOKEN_ENDPOINT_ERROR', 'Token source failed', { cause: error })
      } finally {
        client.removeQueries({ queryKey, exact: true })
      }
    },
    /** Cancels every token fetch of this session (logout, user switch, destroy). */
    cancel(): void {
      void client.cancelQueries({ queryKey: [...root] })
    },
  }
}
