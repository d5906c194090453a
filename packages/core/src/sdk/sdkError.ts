import { CallsSessionError } from '../errors.js'

/** The CometChat error code an SDK error carries (`code`, or `errorCode` in v5's shape), or ''. */
export function sdkErrorCode(error: unknown): string {
  const { code, errorCode } = (error ?? {}) as { code?: unknown; errorCode?: unknown }
  const value = code ?? errorCode
  return typeof value === 'string' ? value : ''
}

/** CometChat refused the auth token itself: unknown, revoked, expired, or its user deactivated. */
export const isTokenRejection = (error: unknown): boolean =>
  error instanceof CallsSessionError
    ? error.code === 'TOKEN_REJECTED'
    : /AUTH_TOKEN|TOKEN_EXPIRED|USER_DEACTIVATED|UNAUTHORI[SZ]ED/i.test(sdkErrorCode(error))

/** Maps an SDK failure to a `CallsSessionError`; the message names CometChat's code, never a token. */
export const toSdkError = (error: unknown): CallsSessionError =>
  error instanceof CallsSessionError
    ? error
    : new CallsSessionError(
        isTokenRejection(error) ? 'TOKEN_REJECTED' : 'SDK_ERROR',
        `CometChat: ${sdkErrorCode(error) || 'error'}`,
        { cause: error },
      )

/** Runs an SDK call, mapping whatever it throws. */
export async function guard<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toSdkError(error)
  }
}
