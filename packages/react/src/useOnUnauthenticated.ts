'use client'
import type { CallsSession, CallsSessionError } from '@callsession/core'
import { useEffect, useInsertionEffect, useRef } from 'react'
import { toView } from './sessionView.js'
import { isSignInPending } from './signInRequests.js'

/**
 * Calls `callback` each time the session becomes unauthenticated (`signed-out` or `error`, not
 * while a sign-in is pending or running), with the error if there is one. Once per transition, so
 * StrictMode's double effect does not call it twice.
 */
export function useOnUnauthenticated(
  session: CallsSession,
  uid: string | null | undefined,
  callback: ((error: CallsSessionError | undefined) => void) | undefined,
) {
  const latest = useRef(callback)
  useInsertionEffect(() => {
    latest.current = callback
  })
  const called = useRef(false)
  const enabled = !!callback
  useEffect(() => {
    // Stryker disable next-line ConditionalExpression: equivalent: with no callback, `latest.current?.()` below calls nothing
    if (!enabled) return
    const check = () => {
      const view = toView(session.getState(), isSignInPending(session, uid))
      const unauthenticated = !view.isAuthenticated && !view.isLoading
      // Stryker disable next-line OptionalChaining: equivalent: `enabled` (checked above) means a callback was given
      if (unauthenticated && !called.current) latest.current?.(view.error)
      called.current = unauthenticated
    }
    check()
    return session.subscribe(check)
  }, [session, uid, enabled])
}
