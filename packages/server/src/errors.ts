/** Codes a CallSessionServerError can carry: CometChat's own codes pass through as strings. */
export type ServerErrorCode =
  | 'INVALID_UID'
  | 'INVALID_NAME'
  | 'INVALID_AVATAR'
  | 'INVALID_METADATA'
  | 'INVALID_TAGS'
  | 'INVALID_INPUT'
  | 'INVALID_API_KEY'
  | 'USER_DEACTIVATED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'CIRCUIT_OPEN'
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  | (string & {})

/** Error thrown by every server API: `code` to switch on, HTTP `status` and CometChat `requestId` when known. */
export class CometChatApiError extends Error {
  readonly code: ServerErrorCode
  readonly status: number | undefined
  readonly requestId: string | undefined
  readonly details: unknown
  /** How long CometChat asked us to wait (its `Retry-After`), or how long the circuit stays open. */
  readonly retryAfterMs: number | undefined

  constructor(
    code: ServerErrorCode,
    message: string,
    options: {
      status?: number
      requestId?: string
      details?: unknown
      cause?: unknown
      retryAfterMs?: number | undefined
    } = {},
  ) {
    super(
      redactTokens(message),
      options.cause === undefined ? undefined : { cause: scrubCause(options.cause) },
    )
    this.name = 'CometChatApiError'
    this.code = code
    this.status = options.status
    this.requestId = options.requestId
    this.details = options.details
    this.retryAfterMs = options.retryAfterMs
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      message: this.message,
    }
  }
}

/**
 * Replaces every auth token in a REST path or message by `:authToken`, so an error that reaches a log
 * or `onError` never carries a live token (`DELETE /users/ann/auth_tokens/:authToken`).
 */
export function redactTokens(text: string): string {
  return text.replace(/\/auth_tokens\/[^/?#\s]+/g, '/auth_tokens/:authToken')
}

// Causes come from fetch/undici; keep only name and message so no request (and its apikey header) is retained.
function scrubCause(cause: unknown): unknown {
  if (cause instanceof Error) {
    const copy = new Error(redactTokens(cause.message))
    copy.name = cause.name
    return copy
  }
  return undefined
}

/** True when `error` is a CometChatApiError with one of `codes`. */
export function isCometChatError(
  error: unknown,
  ...codes: ServerErrorCode[]
): error is CometChatApiError {
  return error instanceof CometChatApiError && (codes.length === 0 || codes.includes(error.code))
}
