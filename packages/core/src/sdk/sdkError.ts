import { CallsSessionError } from '../errors.js'

/** The CometChat error code an SDK error carries (`code`, or `errorCode` in v5's shape). */
export function sdkErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, errorCode } = error as { code?: unknown; errorCode?: unknown }
  const value = code ?? errorCode
  return typeof value === 'string' ? value : undefined
}

/** CometChat refused the auth token itself: unknown, revoked, expired, or its user deactivated. */
export function isTokenRejection(error: unknown): boolean {
  if (error instanceof CallsSessionError) return error.code === 'TOKEN_REJECTED'
  return /AUTH_TOKEN|TOKEN_EXPIRED|TOKEN_NOT_FOUND|USER_DEACTIVATED|UNAUTHORI[SZ]ED/i.test(
    sdkErrorCode(error) ?? '',
  )
}

/** Maps an SDK failure to a `CallsSessionError`; the message names CometChat's code, never a token. */
export function toSdkError(error: unknown): CallsSessionError {
  if (error instanceof CallsSessionError) return error
  const code = sdkErrorCode(error) ?? 'unknown'
  return isTokenRejection(error)
    ? new CallsSessionError('TOKEN_REJECTED', `CometChat refused the auth token (${code})`, {
        cause: error,
      })
    : new CallsSessionError('SDK_ERROR', `Calls SDK failed (${code})`, { cause: error })
}
