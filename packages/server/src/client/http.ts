import { MutationObserver, QueryClient } from '@tanstack/query-core'
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel'
import { deadlineSignal } from '../deadlineSignal.js'
import { CometChatApiError, redactTokens } from '../errors.js'

/** Options of the request layer. */
export interface HttpOptions {
  baseUrl: string
  apiKey: string
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number | undefined
  /** Retries after the first attempt on 429, 5xx and network errors (default 3). */
  retries?: number | undefined
  /** First backoff step (default 250 ms); doubles per attempt, capped at `maxDelayMs`, with full jitter. */
  retryDelayMs?: number | undefined
  /** Upper bound of one wait (default 10 s); a longer `Retry-After` is not waited for but passed on. */
  maxDelayMs?: number | undefined
  /** The circuit breaker in front of CometChat (default on: 5 failed requests, 5 s); `false` turns it off. */
  circuitBreaker?: CircuitBreakerOptions | false | undefined
  /** Waited for before every attempt (a fleet-wide budget of CometChat calls); may throw a 429-like error. */
  limiter?: CallLimiter | undefined
  fetch?: typeof fetch | undefined
}

/**
 * Admits one CometChat call: resolves when it may be sent, or throws a `CometChatApiError`
 * (status 429, `retryAfterMs`) when it could not be admitted within the call's deadline.
 */
export interface CallLimiter {
  acquire(call: RequestOptions): Promise<void>
}

/** One JSON envelope answer: `data` plus list `meta` when present. */
export interface Envelope<T> {
  data: T
  meta?: {
    pagination?: {
      total?: number | undefined
      count?: number | undefined
      per_page?: number | undefined
      current_page?: number | undefined
      total_pages?: number | undefined
    }
  }
}

/** Per-call options: the caller's cancel signal and overall deadline (epoch ms) for all attempts. */
export interface RequestOptions {
  /** Aborts the request (and stops retrying), e.g. the incoming request's `request.signal`. */
  signal?: AbortSignal | undefined
  /** Epoch ms after which no attempt starts and no retry is waited for; a `Retry-After` beyond it is not waited. */
  deadline?: number | undefined
}

/** Sends one JSON request to the REST API. */
export type Http = <T>(
  method: string,
  path: string,
  body?: unknown,
  options?: RequestOptions | undefined,
) => Promise<Envelope<T>>

/**
 * The request layer: fetch + AbortSignal.timeout, retried by TanStack query-core (a mutation per
 * request: 429, 5xx and network errors, exponential backoff with full jitter or `Retry-After`),
 * behind a circuit breaker (cockatiel) so that while CometChat is down calls fail at once.
 * It controls exactly what an error may hold (never the request, so never the apikey header, and
 * never an auth token from the path).
 */
export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 10_000
  const retries = options.retries ?? 3
  const base = options.retryDelayMs ?? 250
  const maxDelay = options.maxDelayMs ?? 10_000
  const root = options.baseUrl.replace(/\/+$/, '')
  const breaker = createBreaker(options.circuitBreaker)
  const retryer = new QueryClient({
    defaultOptions: { mutations: { networkMode: 'always', gcTime: 0 } },
  })

  return function request<T>(
    method: string,
    path: string,
    body?: unknown,
    call: RequestOptions = {},
  ): Promise<Envelope<T>> {
    const { signal, deadline } = call
    const remaining = () =>
      deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now()
    // The breaker judges whole requests (after their retries): one flaky attempt does not open it.
    return breaker.run(() =>
      new MutationObserver(retryer, {
        mutationFn: () => once<T>(method, path, body, call),
        retry: (failureCount, error) => {
          if (failureCount >= retries || signal?.aborted || remaining() <= 0) return false
          if (!(error instanceof CometChatApiError) || !isRetryable(error)) return false
          // A Retry-After we would have to cut short is not worth a retry: the caller passes it on.
          const asked = error.retryAfterMs
          return asked === undefined || (asked <= maxDelay && asked < remaining())
        },
        retryDelay: (failureCount, error) =>
          Math.max(
            0,
            Math.min(
              maxDelay,
              remaining(),
              (error instanceof CometChatApiError ? error.retryAfterMs : undefined) ??
                Math.random() * base * 2 ** failureCount,
            ),
          ),
      }).mutate(),
    )
  }

  async function once<T>(
    method: string,
    rawPath: string,
    body: unknown,
    { signal, deadline }: RequestOptions,
  ): Promise<Envelope<T>> {
    const path = redactTokens(rawPath)
    // Every attempt is a call CometChat counts: retries wait for the shared budget too.
    if (options.limiter) await options.limiter.acquire({ signal, deadline })
    const left = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - Date.now())
    if (signal?.aborted || left <= 0) throw stopped(method, path, signal, deadline)
    const attempt = deadlineSignal(signal, left)
    try {
      return await attemptOnce<T>(
        method,
        rawPath,
        path,
        body,
        signal,
        deadline,
        left,
        attempt.signal,
      )
    } finally {
      attempt.dispose()
    }
  }

  async function attemptOnce<T>(
    method: string,
    rawPath: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    deadline: number | undefined,
    left: number,
    attemptSignal: AbortSignal,
  ): Promise<Envelope<T>> {
    let response: Response
    let text: string
    try {
      response = await doFetch(`${root}${rawPath}`, {
        method,
        headers: {
          apikey: options.apiKey,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: attemptSignal,
      })
    } catch (cause) {
      throw failed(method, path, cause, signal, deadline, left)
    }
    const requestId =
      response.headers.get('x-request-id') ??
      response.headers.get('x-cometchat-request-id') ??
      undefined
    try {
      text = await response.text()
    } catch (cause) {
      if (signal?.aborted || attemptSignal.aborted)
        throw failed(method, path, cause, signal, deadline, left)
      throw new CometChatApiError(
        'NETWORK_ERROR',
        `CometChat ${method} ${path}: body could not be read`,
        { status: response.status, requestId, cause },
      )
    }
    let json: unknown
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    const envelope = isObject(json) ? json : undefined
    const apiError = envelope && isObject(envelope.error) ? envelope.error : undefined
    if (!response.ok || apiError) {
      const code =
        apiError && typeof apiError.code === 'string' ? apiError.code : `HTTP_${response.status}`
      const message =
        apiError && typeof apiError.message === 'string'
          ? apiError.message
          : `HTTP ${response.status}`
      const retryAfter = response.headers.get('retry-after')
      throw new CometChatApiError(code, `CometChat ${method} ${path}: ${message}`, {
        status: response.status,
        requestId,
        details: apiError?.details,
        retryAfterMs: retryAfter === null ? undefined : parseRetryAfter(retryAfter),
      })
    }
    if (!envelope || !('data' in envelope)) {
      throw new CometChatApiError(
        'INVALID_RESPONSE',
        `CometChat ${method} ${path}: answer is not a JSON envelope`,
        {
          status: response.status,
          requestId,
        },
      )
    }
    return envelope as unknown as Envelope<T>
  }
}

/** The error for a request stopped by its caller (`ABORTED`) or by its deadline (`TIMEOUT`). */
function stopped(
  method: string,
  path: string,
  signal: AbortSignal | undefined,
  deadline: number | undefined,
  cause?: unknown,
): CometChatApiError {
  const byDeadline =
    !signal?.aborted ||
    (signal.reason instanceof Error && signal.reason.name === 'TimeoutError') ||
    (deadline !== undefined && Date.now() >= deadline)
  return byDeadline
    ? new CometChatApiError('TIMEOUT', `CometChat ${method} ${path}: deadline exceeded`, { cause })
    : new CometChatApiError('ABORTED', `CometChat ${method} ${path}: aborted by the caller`, {
        cause,
      })
}

function failed(
  method: string,
  path: string,
  cause: unknown,
  signal: AbortSignal | undefined,
  deadline: number | undefined,
  attemptMs: number,
): CometChatApiError {
  if (signal?.aborted) return stopped(method, path, signal, deadline, cause)
  const timedOut =
    cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
  if (timedOut && deadline !== undefined && Date.now() >= deadline)
    return stopped(method, path, undefined, deadline, cause)
  return new CometChatApiError(
    timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
    timedOut
      ? `CometChat ${method} ${path} timed out after ${Math.round(attemptMs)} ms`
      : `CometChat ${method} ${path} failed: network error`,
    { cause },
  )
}

/** Options of the circuit breaker in front of CometChat. */
export interface CircuitBreakerOptions {
  /** Consecutive requests failing with an outage (network, timeout, 5xx, after retries) that open the circuit (default 5). */
  failures?: number | undefined
  /** How long it stays open before one trial request is let through (default 5 s). */
  openMs?: number | undefined
}

function createBreaker(config: CircuitBreakerOptions | false | undefined) {
  if (config === false) return { run: <T>(fn: () => Promise<T>) => fn() }
  const openMs = config?.openMs ?? 5_000
  const policy = circuitBreaker(
    handleWhen((error) => error instanceof CometChatApiError && isOutage(error)),
    { halfOpenAfter: openMs, breaker: new ConsecutiveBreaker(config?.failures ?? 5) },
  )
  let openedAt = 0
  policy.onBreak(() => {
    openedAt = Date.now()
  })
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return await policy.execute(fn)
      } catch (error) {
        if (!(error instanceof BrokenCircuitError)) throw error
        throw new CometChatApiError(
          'CIRCUIT_OPEN',
          'CometChat is failing: calls are paused while the circuit is open',
          { retryAfterMs: Math.max(1000, openedAt + openMs - Date.now()) },
        )
      }
    },
  }
}

/** CometChat is down or unreachable (not: it refused this one request). */
function isOutage(error: CometChatApiError): boolean {
  if (error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT') return true
  return error.status !== undefined && error.status >= 500
}

function isRetryable(error: CometChatApiError): boolean {
  return error.status === 429 || isOutage(error)
}

function parseRetryAfter(value: string): number | undefined {
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
