'use client'
import type { CallsSession, CallsSessionError } from '@callsession/core'
import { useContext, useMemo } from 'react'
import { CallsSessionContext, ProviderUidContext } from './context.js'
import type { CallsSessionView } from './sessionView.js'
import { toView } from './sessionView.js'
import { isSignInPending } from './signInRequests.js'
import { useOnUnauthenticated } from './useOnUnauthenticated.js'
import { useSelection } from './useSelection.js'

/** What `useCallsSession()` returns: the state view plus the session's actions. */
export type UseCallsSessionResult = CallsSessionView &
  Pick<CallsSession, 'login' | 'logout' | 'refresh' | 'generateCallToken'> & {
    session: CallsSession
  }

const asIs = (view: CallsSessionView) => view

/** Options of `useCallsSession(options)`. */
export interface UseCallsSessionOptions {
  /** The component needs a session: `onUnauthenticated` runs whenever it is signed out or failed. */
  required: true
  /** Called once each time the session becomes `signed-out` or `error` (not while signing in). */
  onUnauthenticated: (error: CallsSessionError | undefined) => void
}

/**
 * The session of the nearest `<CometChatAuthProvider>`: its state and actions, or a selected slice
 * of the same view that re-renders only when it changes (shallowly, so objects are fine).
 * @example const { status, isAuthenticated, user, login } = useCallsSession()
 * @example const { status } = useCallsSession((s) => ({ status: s.status }))
 * @example useCallsSession({ required: true, onUnauthenticated: () => navigate('/sign-in') })
 */
export function useCallsSession(options?: UseCallsSessionOptions): UseCallsSessionResult
export function useCallsSession<T>(selector: (view: CallsSessionView) => T): T
export function useCallsSession(
  arg?: UseCallsSessionOptions | ((view: CallsSessionView) => unknown),
) {
  const selector = typeof arg === 'function' ? arg : undefined
  const session = useContext(CallsSessionContext)
  const uid = useContext(ProviderUidContext)
  if (!session) {
    throw new Error(
      'useCallsSession() must be used inside <CometChatAuthProvider>: wrap your app (or this component) in it.',
    )
  }
  const pending = isSignInPending(session, uid)
  const select = selector ?? asIs
  const selected = useSelection(session.store, (state) => select(toView(state, pending)))
  useOnUnauthenticated(session, uid, arg && 'required' in arg ? arg.onUnauthenticated : undefined)
  const actions = useMemo(
    () => ({
      login: session.login.bind(session),
      logout: session.logout.bind(session),
      refresh: session.refresh.bind(session),
      generateCallToken: session.generateCallToken.bind(session),
      session,
    }),
    [session],
  )
  return useMemo(
    () => (selector ? selected : { ...(selected as CallsSessionView), ...actions }),
    [selector, selected, actions],
  )
}
