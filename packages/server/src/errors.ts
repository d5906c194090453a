/** Codes a CallSessionServerError can carry: CometChat's own codes pass through as strings. */
export type ServerErrorCode =
  | 'INVALID_UID'
  | 'INVALID_NAME'
  | 'INVALID_AVATAR'
  | 'INVALID_METADATA'
  | 'INVALID_TAGS'
  | 'INVALID_INPUT'
  | 'USER_DEACTIVATED'
  | 'TIMEOUT'
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  | (string & {})

/** Error thrown by every server API: `code` to switch on, HTTP `status` and CometChat `requestId` when known. */
export class CometChatApiError extends Error {
  readonly code: ServerErrorCode
  readonly status: number | undefined
  readonly requestId: string | undefined
  readonly details: unknown

  constructor(
    code: ServerErrorCode,
    message: string,
    options: { status?: number; requestId?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: scrubCause(options.cause) })
    this.name = 'CometChatApiError'
    this.code = code
    this.status = options.status
    this.requestId = options.requestId
    this.details = options.details
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      requestId: this.requestId,
      message: this.message,
    }
  }
}

// Causes come from fetch/undici; keep only name and message so no request (and its apikey header) is retained.
function scrubCause(cause: unknown): unknown {
  if (cause instanceof Error) {
    const copy = new Error(cause.message)
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
