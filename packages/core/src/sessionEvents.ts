import type { CallsSessionError } from './errors.js'
import type { TokenFetchReason } from './types.js'

/** How a session came to be signed in. */
export type SignInSource = 'token' | 'restored' | 'tab'
/** Why a session ended. */
export type SignOutReason = 'user' | 'tab' | 'destroyed' | 'server'

type At = {
  /** Epoch ms. */
  at: number
  /** The CometChat uid concerned, when known. */
  uid: string | undefined
}

/**
 * What happened in a session's life, typed (switch on `type`). Events never carry a token.
 * @example session.on((event) => event.type === 'TOKEN_REJECTED_BY_COMETCHAT' && report(event))
 */
export type CallsSessionEvent = At &
  (
    | { type: 'SIGNED_IN'; source: SignInSource }
    | {
        type: 'TOKEN_FETCHED'
        reason: TokenFetchReason
        /** From the request's start to a validated grant, retries included. */
        durationMs: number
        /** 1 for the first try. */
        attempt: number
      }
    | { type: 'REFRESH_SCHEDULED'; dueAt: number }
    | { type: 'TOKEN_REFRESHED'; expiresAt: number | undefined }
    | { type: 'TOKEN_REJECTED_BY_COMETCHAT' }
    | { type: 'TAB_ADOPTED_GRANT'; expiresAt: number | undefined }
    | { type: 'REFRESH_FAILED_KEEPING_TOKEN'; error: CallsSessionError; retryAt: number }
    | { type: 'SIGNED_OUT'; reason: SignOutReason }
    | { type: 'ERROR'; error: CallsSessionError }
  )

/** One event type's name. */
export type CallsSessionEventType = CallsSessionEvent['type']

/** A tiny typed emitter; a listener that throws never breaks the session or other listeners. */
export function createEmitter(debug: boolean) {
  const listeners = new Set<(event: CallsSessionEvent) => void>()
  return {
    on(listener: (event: CallsSessionEvent) => void): () => void {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    emit(event: CallsSessionEvent): void {
      if (debug) console.debug('[callsession]', event.type, event)
      for (const listener of [...listeners]) {
        try {
          listener(event)
        } catch {}
      }
    },
  }
}
