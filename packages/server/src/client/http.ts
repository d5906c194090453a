import { MutationObserver, QueryClient } from '@tanstack/query-core'
import { CometChatApiError } from '../errors.js'

/** Options of the request layer. */
export interface HttpOptions {
  baseUrl: string
  apiKey: string
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number
  /** Retries after the first attempt on 429, 5xx and network errors (default 3). */
  retries?: number
  /** First backoff step (default 250 ms); doubles per attempt, capped at `maxDelayMs`, with full jitter. */
  retryDelayMs?: number
  /** Upper bound of one wait, also for Retry-After (default 10 s). */
  maxDelayMs?: number
  fetch?: typeof fetch
}

/** One JSON envelope answer: `data` plus list `meta` when present. */
export interface Envelope<T> {
  data: T
  meta?: {
    pagination?: {
      total?: number
      count?: number
      per_page?: number
      current_page?: number
      total_pages?: number
    }
  }
}

/** Sends one JSON request to the REST API. */
export type Http = <T>(method: string, path: string, body?: unknown) => Promise<Envelope<T>>

/**
 * The request layer: fetch + AbortSignal.timeout, retried by TanStack query-core (a mutation per
 * request: 429, 5xx and network errors, exponential backoff with full jitter or `Retry-After`).
 * It controls exactly what an error may hold (never the request, so never the apikey header).
 */
export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 10_000
  const retries = options.retries ?? 3
  const base = options.retryDelayMs ?? 250
  const maxDelay = options.maxDelayMs ?? 10_000
  const root = options.baseUrl.replace(/\/+$/, '')
  const retryer = new QueryClient({
    defaultOptions: {
      mutations: {
        networkMode: 'always',
        gcTime: 0,
        retry: (failureCount, error) =>
          failureCount < retries && error instanceof CometChatApiError && isRetryable(error),
        retryDelay: (failureCount, error) =>
          Math.min(
            maxDelay,
            (error instanceof CometChatApiError ? retryAfterMs(error) : undefined) ??
              Math.random() * base * 2 ** failureCount,
          ),
      },
    },
  })

  return function request<T>(method: string, path: string, body?: unknown): Promise<Envelope<T>> {
    return new MutationObserver(retryer, { mutationFn: () => once<T>(method, path, body) }).mutate()
  }

  async function once<T>(method: string, path: string, body?: unknown): Promise<Envelope<T>> {
    let response: Response
    try {
      response = await doFetch(`${root}${path}`, {
        method,
        headers: {
          apikey: options.apiKey,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (cause) {
      const timedOut =
        cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
      throw new CometChatApiError(
        timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
        timedOut
          ? `CometChat ${method} ${path} timed out after ${timeoutMs} ms`
          : `CometChat ${method} ${path} failed: network error`,
        { cause },
      )
    }
    const requestId =
      response.headers.get('x-request-id') ??
      response.headers.get('x-cometchat-request-id') ??
      undefined
    let text: string
    try {
      text = await response.text()
    } catch (cause) {
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
      const error = new CometChatApiError(code, `CometChat ${method} ${path}: ${message}`, {
        status: response.status,
        requestId,
        details: apiError?.details,
      })
      const retryAfter = response.headers.get('retry-after')
      if (retryAfter !== null) retryAfters.set(error, parseRetryAfter(retryAfter))
      throw error
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

const retryAfters = new WeakMap<CometChatApiError, number | undefined>()

function retryAfterMs(error: CometChatApiError): number | undefined {
  return retryAfters.get(error)
}

function isRetryable(error: CometChatApiError): boolean {
  if (error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT') return true
  return error.status === 429 || (error.status !== undefined && error.status >= 500)
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
