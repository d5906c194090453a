/** Every way a call session can fail, as a stable code to `switch` on (never match on messages). */
export type CallsSessionErrorCode =
  /** The app's token endpoint answered 401 or 403: the app user is not signed in (or not allowed). */
  | 'UNAUTHORIZED'
  /** The token endpoint answered something that is not a valid `TokenGrant`. */
  | 'INVALID_TOKEN_RESPONSE'
  /** The token endpoint answered another error status (404, 429, 5xx…) after retries. */
  | 'TOKEN_ENDPOINT_ERROR'
  /** CometChat refused the auth token (unknown, revoked, expired, deleted user), even after one fresh token. */
  | 'TOKEN_REJECTED'
  /** The network failed (offline, DNS, connection reset) after retries. */
  | 'NETWORK_ERROR'
  /** A request took longer than its timeout. */
  | 'TIMEOUT'
  /** The grant (or the SDK's session) is for another uid than the one asked for. */
  | 'UID_MISMATCH'
  /** The uid asked for is not one CometChat accepts (letters, digits, `_`, `-`; lowercase on the server). */
  | 'INVALID_UID'
  /** The development-only Auth-Key login was called in a production build. */
  | 'AUTH_KEY_IN_PRODUCTION'
  /** `CometChatCalls.init` failed (bad app id or region, SDK could not load). */
  | 'SDK_INIT_FAILED'
  /** The page's Calls SDK is already set up for another CometChat app (or other hosts): one SDK, one app. */
  | 'SDK_CONFLICT'
  /** Any other error from the Calls SDK. */
  | 'SDK_ERROR'
  /** The operation needs an authenticated session (e.g. `generateCallToken` while signed out). */
  | 'NOT_AUTHENTICATED'
  /** The operation was superseded by logout, a user switch or `destroy()`. */
  | 'ABORTED'
  /** The session was destroyed and cannot be used any more. */
  | 'DESTROYED'

/**
 * The one error type of `@callsession/core`. Messages never contain a token or a key.
 * @example if (isCallsSessionError(e) && e.code === 'UNAUTHORIZED') redirectToSignIn()
 */
export class CallsSessionError extends Error {
  override readonly name = 'CallsSessionError'
  readonly code: CallsSessionErrorCode
  /** HTTP status of the token endpoint's answer, when the error came from there. */
  readonly status: number | undefined

  constructor(
    code: CallsSessionErrorCode,
    message: string = code,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.status = options.status
  }
}

/** Narrows an unknown thrown value to a `CallsSessionError`. */
export function isCallsSessionError(value: unknown): value is CallsSessionError {
  return value instanceof CallsSessionError
}
