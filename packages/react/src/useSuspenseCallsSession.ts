'use client'
import { type CallsSession, CallsSessionError } from '@callsession/core'
import type { CallsSessionView } from './sessionView.js'
import { type UseCallsSessionResult, useCallsSession } from './useCallsSession.js'

/** What `useSuspenseCallsSession()` returns: the authenticated view (a `user`, always) and the actions. */
export type UseSuspenseCallsSessionResult = UseCallsSessionResult &
  Extract<CallsSessionView, { isAuthenticated: true }>

/** One promise per session while it signs in, so every suspended component waits on the same one. */
const settling = new WeakMap<CallsSession, Promise<void>>()

/** Resolves at the first state other than `authenticating` (signed in, failed, signed out). */
function settled(session: CallsSession): Promise<void> {
  let promise = settling.get(session)
  // Stryker disable next-line ConditionalExpression: equivalent: a second promise settles at the same moment; React only sees that it settled
  if (!promise) {
    promise = new Promise<void>((resolve) => {
      const stop = session.subscribe((state) => {
        // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: settling early only makes React render again, and a component still signing in suspends anew
        if (state.status === 'authenticating') return
        stop()
        settling.delete(session)
        resolve()
      })
    })
    settling.set(session, promise)
  }
  return promise
}

/**
 * The session, once authenticated: suspends (nearest `<Suspense>`) while the sign-in runs, and
 * throws a `CallsSessionError` to the nearest error boundary when it fails, or `NOT_AUTHENTICATED`
 * when nobody is signing in (no `uid` given and no `login()` running).
 * @example const { user, generateCallToken } = useSuspenseCallsSession()
 */
export function useSuspenseCallsSession(): UseSuspenseCallsSessionResult {
  const result = useCallsSession()
  if (result.isAuthenticated) return result
  if (result.error) throw result.error
  if (result.isLoading) throw settled(result.session)
  throw new CallsSessionError('NOT_AUTHENTICATED')
}
