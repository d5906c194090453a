'use client'
import type { CallsSessionState } from '@callsession/core'

type Field<S, K extends string> = K extends keyof S ? S[K] : undefined

/**
 * The session's state flattened: every variant has `user`, `error`, `expiresAt` (undefined when
 * absent), plus `isAuthenticated` (`authenticated` or `refreshing`: the token works) and
 * `isLoading` (`authenticating`). Narrows on `status` and on both flags.
 */
export type CallsSessionView = CallsSessionState extends infer S
  ? S extends CallsSessionState
    ? {
        status: S['status']
        user: Field<S, 'user'>
        error: Field<S, 'error'>
        expiresAt: Field<S, 'expiresAt'>
        isAuthenticated: S['status'] extends 'authenticated' | 'refreshing' ? true : false
        isLoading: S['status'] extends 'authenticating' ? true : false
      }
    : never
  : never

/**
 * The view of `state`. `signInPending`: the provider has a uid it has not handed to the session
 * yet (first render, SSR, a uid that just arrived), so the truthful status is `authenticating`.
 */
export function toView(state: CallsSessionState, signInPending: boolean): CallsSessionView {
  const status = signInPending && state.status === 'signed-out' ? 'authenticating' : state.status
  return {
    status,
    user: 'user' in state ? state.user : undefined,
    error: 'error' in state ? state.error : undefined,
    expiresAt: 'expiresAt' in state ? state.expiresAt : undefined,
    isAuthenticated: status === 'authenticated' || status === 'refreshing',
    isLoading: status === 'authenticating',
  } as CallsSessionView
}
