'use client'
import type { CallsSession } from '@callsession/core'
import { useContext, useMemo } from 'react'
import { CallsSessionContext, ProviderUidContext } from './context.js'
import type { CallsSessionView } from './sessionView.js'
import { toView } from './sessionView.js'
import { isSignInPending } from './signInRequests.js'
import { useSelection } from './useSelection.js'

/** What `useCallsSession()` returns: the state view plus the session's actions. */
export type UseCallsSessionResult = CallsSessionView &
  Pick<CallsSession, 'login' | 'logout' | 'refresh' | 'generateCallToken'> & {
    session: CallsSession
  }

const asIs = (view: CallsSessionView) => view

/**
 * The session of the nearest `<CometChatAuthProvider>`: its state and actions, or a selected slice
 * of the same view that re-renders only when it changes (shallowly, so objects are fine).
 * @example const { status, isAuthenticated, user, login } = useCallsSession()
 * @example const { status } = useCallsSession((s) => ({ status: s.status }))
 */
export function useCallsSession(): UseCallsSessionResult
export function useCallsSession<T>(selector: (view: CallsSessionView) => T): T
export function useCallsSession(selector?: (view: CallsSessionView) => unknown) {
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
