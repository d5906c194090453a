'use client'
import type { CallsSession, CallsSessionState } from '@callsession/core'
import { useContext, useMemo } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { CallsSessionContext } from './context.js'

type Field<S, K extends string> = K extends keyof S ? S[K] : undefined

/** The session's state flattened: every variant has `user`, `error`, `expiresAt` (undefined when absent). */
export type CallsSessionView = CallsSessionState extends infer S
  ? S extends CallsSessionState
    ? {
        status: S['status']
        user: Field<S, 'user'>
        error: Field<S, 'error'>
        expiresAt: Field<S, 'expiresAt'>
      }
    : never
  : never

/** What `useCallsSession()` returns: the state view plus the session's actions. */
export type UseCallsSessionResult = CallsSessionView &
  Pick<CallsSession, 'login' | 'logout' | 'refresh' | 'generateCallToken'> & {
    session: CallsSession
  }

const toView = (s: CallsSessionState) =>
  ({
    status: s.status,
    user: 'user' in s ? s.user : undefined,
    error: 'error' in s ? s.error : undefined,
    expiresAt: 'expiresAt' in s ? s.expiresAt : undefined,
  }) as CallsSessionView

/**
 * The session of the nearest `<CometChatAuthProvider>`: its state and actions, or a selected slice
 * that re-renders only when it changes.
 * @example const { status, user, login } = useCallsSession()
 * @example const status = useCallsSession((s) => s.status)
 */
export function useCallsSession(): UseCallsSessionResult
export function useCallsSession<T>(selector: (state: CallsSessionState) => T): T
export function useCallsSession(selector?: (state: CallsSessionState) => unknown) {
  const session = useContext(CallsSessionContext)
  if (!session) {
    throw new Error(
      'useCallsSession() must be used inside <CometChatAuthProvider>: wrap your app (or this component) in it.',
    )
  }
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
  const view = useShallow(toView)
  const selected = useStore(session.store, selector ?? view)
  return useMemo(
    () => (selector ? selected : { ...(selected as CallsSessionView), ...actions }),
    [selector, selected, actions],
  )
}
