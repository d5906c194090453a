import { CallsSessionError, type CallsSessionErrorCode } from '../errors.js'

/** The error shapes the SDKs reject with: 4.x `{ code, message }`, v5 `{ errorCode, errorDescription }`. */
interface SdkFailure {
  code?: unknown
  message?: unknown
  errorCode?: unknown
  errorDescription?: unknown
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** The CometChat error code an SDK error carries (`code` on 4.x, `errorCode` on v5), or ''. */
export function sdkErrorCode(error: unknown): string {
  const { code, errorCode } = (error ?? {}) as SdkFailure
  return text(errorCode) || text(code)
}

/** What the SDK said about its failure (v5 `errorDescription`, 4.x `message`), or ''. */
const sdkErrorText = (error: unknown) => {
  const { message, errorDescription } = (error ?? {}) as SdkFailure
  return text(errorDescription) || text(message)
}

/**
 * v5 masks every server refusal as `ERROR_UNKNOWN`; its description keeps the step and the
 * server's message ("Authentication failed: …" for the token login, "Token generation failed: …").
 */
const V5_REFUSAL = /^(Authentication failed|Token generation failed|Login failed):/
/** …including network failures, which are not about the token at all. */
const NETWORK = /failed to fetch|networkerror|network request failed|load failed|ECONN|ETIMEDOUT/i
/** 4.x passes CometChat's own code through. */
const V4_REFUSAL = /AUTH_TOKEN|TOKEN_EXPIRED|USER_DEACTIVATED|UID_NOT_FOUND|UNAUTHORI[SZ]ED/i

/** v5's client-side codes (it checked before any request) and what they mean for a session. */
const V5_CODES: Record<string, CallsSessionErrorCode> = {
  ERROR_SDK_NOT_INITIALIZED: 'SDK_INIT_FAILED',
  ERROR_BLANK_AUTHTOKEN: 'INVALID_TOKEN_RESPONSE',
  ERROR_AUTHTOKEN_WITH_SPACE: 'INVALID_TOKEN_RESPONSE',
  ERROR_AUTH_TOKEN_MISSING: 'NOT_AUTHENTICATED',
  ERROR_NO_USER_LOGGED_IN: 'NOT_AUTHENTICATED',
  ERROR_INVALID_UID: 'INVALID_UID',
  ERROR_UID_WITH_SPACE: 'INVALID_UID',
  ERROR_API_KEY_NOT_FOUND: 'UNAUTHORIZED',
}

/** What an SDK failure means: a `CallsSessionError` code. */
function classify(error: unknown): CallsSessionErrorCode {
  const code = sdkErrorCode(error)
  const description = sdkErrorText(error)
  if (code === 'ERROR_UNKNOWN') {
    if (NETWORK.test(description)) return 'NETWORK_ERROR'
    if (V5_REFUSAL.test(description)) return 'TOKEN_REJECTED'
    return 'SDK_ERROR'
  }
  // Own keys only: a code such as `toString` must not find Object.prototype's function.
  if (Object.hasOwn(V5_CODES, code)) return V5_CODES[code] as CallsSessionErrorCode
  return V4_REFUSAL.test(code) ? 'TOKEN_REJECTED' : 'SDK_ERROR'
}

/** CometChat refused the auth token itself: unknown, revoked, or its user deactivated. */
export const isTokenRejection = (error: unknown): boolean =>
  (error instanceof CallsSessionError ? error.code : classify(error)) === 'TOKEN_REJECTED'

/** Anything that looks like a CometChat auth token (`uid_` + a long hex tail), for redaction. */
const TOKEN_LIKE = /[\w-]+_[0-9a-f]{24,}/gi

/** Removes `secrets` and anything token-shaped from an SDK message. */
export const redact = (message: string, secrets: readonly string[] = []) =>
  secrets
    .filter((secret) => secret.length > 0)
    .reduce((out, secret) => out.split(secret).join('[redacted]'), message)
    .replace(TOKEN_LIKE, '[redacted]')

/**
 * Maps an SDK failure to a `CallsSessionError`: the SDK's own description is the message (with
 * CometChat's code before it), never a token: `secrets` and token-shaped text are redacted.
 */
export function toSdkError(error: unknown, secrets?: readonly string[]): CallsSessionError {
  if (error instanceof CallsSessionError) return error
  const code = sdkErrorCode(error)
  const said = redact(sdkErrorText(error), secrets)
  const message = [code, said].filter(Boolean).join(': ') || 'The Calls SDK failed'
  // The cause is a redacted copy: the SDK's own object may be logged whole by an app.
  const cause = { errorCode: code, errorDescription: said }
  return new CallsSessionError(classify(error), message, { cause })
}

/** Runs an SDK call, mapping whatever it throws (with `secrets` redacted from the message). */
export async function guard<T>(
  call: () => T | Promise<T>,
  secrets?: readonly string[],
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toSdkError(error, secrets)
  }
}
