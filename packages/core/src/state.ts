import type { CallsSessionError } from './errors.js'

/** The CometChat user a session is signed in as. */
export interface CallsUser {
  uid: string
  name?: string
  avatar?: string
}

/**
 * The session's state: a discriminated union on `status`, so impossible states do not type-check.
 * `expiresAt` is in epoch milliseconds on this browser's clock (skew-corrected), when known.
 */
export type CallsSessionState =
  | { status: 'signed-out' }
  | { status: 'authenticating'; uid?: string }
  | { status: 'authenticated'; user: CallsUser; expiresAt?: number }
  | { status: 'refreshing'; user: CallsUser; expiresAt?: number }
  | { status: 'error'; error: CallsSessionError }

/** One of the five state names. */
export type CallsSessionStatus = CallsSessionState['status']
