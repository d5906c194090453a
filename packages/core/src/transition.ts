import type { CallsSessionError } from './errors.js'
import type { CallsSessionState, CallsUser } from './state.js'

/** What happened to a session; `transition` turns it into the next state. */
export type SessionEvent =
  | { type: 'start'; uid?: string | undefined }
  | { type: 'signedIn'; user: CallsUser; expiresAt?: number | undefined }
  | { type: 'refresh' }
  | { type: 'refreshFailed' }
  | { type: 'failed'; error: CallsSessionError }
  | { type: 'signedOut' }

/**
 * The session's state machine: the one place its state changes, pure. A refresh keeps the user
 * and expiry (no flicker to `authenticating`) and only applies to a signed-in session.
 */
export function transition(state: CallsSessionState, event: SessionEvent): CallsSessionState {
  switch (event.type) {
    case 'start':
      return { status: 'authenticating', ...(event.uid !== undefined && { uid: event.uid }) }
    case 'signedIn':
      return {
        status: 'authenticated',
        user: event.user,
        ...(event.expiresAt !== undefined && { expiresAt: event.expiresAt }),
      }
    case 'refresh':
    case 'refreshFailed':
      return state.status === 'authenticated' || state.status === 'refreshing'
        ? { ...state, status: event.type === 'refresh' ? 'refreshing' : 'authenticated' }
        : state
    case 'failed':
      return { status: 'error', error: event.error }
    case 'signedOut':
      // Already signed out: the same object, so subscribers see no change.
      return state.status === 'signed-out' ? state : { status: 'signed-out' }
  }
}
