import { CallsSessionError } from './errors.js'
import type { TokenFetchReason } from './types.js'

/** What came back from the app's server, not yet validated. */
export interface RawGrant {
  body: unknown
  /** The server's clock (its `Date` header), to correct an absolute `expiresAt` for skew. */
  serverDate?: number | undefined
}

const retryAfter = new WeakMap<CallsSessionError, number>()

/** The delay a `429`/`503` answer asked for (its `Retry-After`), in ms. */
export function retryAfterMs(error: unknown): number | undefined {
  return error instanceof CallsSessionError ? retryAfter.get(error) : undefined
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

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
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    request.abort()
  }, timeoutMs)
  const forward = () => request.abort()
  signal.addEventListener('abort', forward)
  const failure = (cause: unknown) =>
    signal.aborted
      ? new CallsSessionError('ABORTED', 'Token request aborted', { cause })
      : timedOut
        ? new CallsSessionError('TIMEOUT', `Token endpoint did not answer within ${timeoutMs} ms`)
        : new CallsSessionError('NETWORK_ERROR', 'Token endpoint unreachable', { cause })
  try {
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
      throw failure(cause)
    }
    const { status } = response
    if (status === 401 || status === 403) {
      throw new CallsSessionError('UNAUTHORIZED', `Token endpoint answered ${status}`, { status })
    }
    if (!response.ok) {
      const error = new CallsSessionError(
        'TOKEN_ENDPOINT_ERROR',
        `Token endpoint answered ${status}`,
        {
          status,
        },
      )
      const delay = parseRetryAfter(response.headers.get('retry-after'))
      if (delay !== undefined) retryAfter.set(error, delay)
      throw error
    }
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new CallsSessionError('INVALID_TOKEN_RESPONSE', 'Token endpoint answer is not JSON', {
        status,
      })
    }
    const date = Date.parse(response.headers.get('date') ?? '')
    return { body, serverDate: Number.isNaN(date) ? undefined : date }
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', forward)
  }
}
