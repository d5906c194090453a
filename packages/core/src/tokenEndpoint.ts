import { CallsSessionError } from './errors.js'
import type { TokenFetchReason } from './types.js'

/** What came back from the app's server, not yet validated. */
export interface RawGrant {
  body: unknown
  /** The server's clock (its `Date` header), to correct an absolute `expiresAt` for skew. */
  serverDate?: number | undefined
}

const retryAfter = new WeakMap<object, number>()

/** Epoch ms from a server clock reading (epoch ms or an HTTP date), or undefined. */
export function serverClock(value: unknown): number | undefined {
  const ms =
    typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isFinite(ms) ? ms : undefined
}

/** The delay, in ms, a `429`/`503` answer asked for with `Retry-After: <seconds>`. */
export const retryAfterMs = (error: unknown): number | undefined => retryAfter.get(error as object)

/**
 * `POST`s to the app's token endpoint with the browser's cookies. The body only says why (advisory):
 * the server decides who the user is. Errors never carry the response body (it may hold a token).
 */
export async function requestToken(
  url: string,
  {
    signal,
    reason,
    timeoutMs,
  }: { signal: AbortSignal; reason: TokenFetchReason; timeoutMs: number },
): Promise<RawGrant> {
  const request = new AbortController()
  const abort = () => request.abort()
  const timer = setTimeout(abort, timeoutMs)
  signal.addEventListener('abort', abort)
  let response: Response
  let text: string
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'include',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ reason }),
      signal: request.signal,
    })
    text = await response.text()
  } catch (cause) {
    throw signal.aborted
      ? new CallsSessionError('ABORTED')
      : new CallsSessionError(request.signal.aborted ? 'TIMEOUT' : 'NETWORK_ERROR', undefined, {
          cause,
        })
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', abort)
  }
  const { status } = response
  // A network-error response (status 0) is what some fetch stacks hand back instead of rejecting.
  if (response.type === 'error' || status === 0) throw new CallsSessionError('NETWORK_ERROR')
  if (!response.ok) {
    const error = new CallsSessionError(
      status === 401 || status === 403 ? 'UNAUTHORIZED' : 'TOKEN_ENDPOINT_ERROR',
      `Token endpoint answered ${status}`,
      { status },
    )
    // A blank header is no answer (`Number('')` would be 0): the usual backoff applies.
    const seconds = Number(response.headers.get('retry-after')?.trim() || Number.NaN)
    if (seconds >= 0) retryAfter.set(error, seconds * 1000)
    throw error
  }
  try {
    return {
      body: JSON.parse(text),
      serverDate: serverClock(response.headers.get('date')),
    }
  } catch {
    throw new CallsSessionError('INVALID_TOKEN_RESPONSE', 'Token answer: not JSON', { status })
  }
}
