'use client'
import {
  type CallsSession,
  type CallsSessionError,
  type CallsSessionEvent,
  type CallsSessionStatus,
  preloadCallsSdk,
} from '@callsession/core'
import { useEffect, useInsertionEffect, useRef } from 'react'

/** The provider's callback props: always the newest ones, subscribed once per session. */
export interface SessionCallbacks {
  /** Every session event: typed, timestamped, never a token (see core's README, "Events"). */
  onEvent?: ((event: CallsSessionEvent) => void) | undefined
  /** The session failed (status `error`). */
  onError?: ((error: CallsSessionError) => void) | undefined
  /** The status changed. */
  onStatusChange?: ((status: CallsSessionStatus, previous: CallsSessionStatus) => void) | undefined
  /** Start loading the Calls SDK when the provider mounts, before anyone signs in. */
  preloadSdk?: boolean | undefined
}

export function useSessionCallbacks(session: CallsSession, callbacks: SessionCallbacks) {
  const latest = useRef(callbacks)
  useInsertionEffect(() => {
    latest.current = callbacks
  })
  useEffect(() => {
    // Stryker disable next-line OptionalChaining: equivalent: the session's emitter catches a listener's throw
    const offEvents = session.on((event) => latest.current.onEvent?.(event))
    const offStates = session.subscribe((state, previous) => {
      if (state.status === previous.status) return
      latest.current.onStatusChange?.(state.status, previous.status)
      if (state.status === 'error') latest.current.onError?.(state.error)
    })
    return () => {
      offEvents()
      offStates()
    }
  }, [session])
  const { preloadSdk } = callbacks
  useEffect(() => {
    if (preloadSdk) preloadCallsSdk().catch(() => {}) // a failed preload is retried at sign-in
  }, [preloadSdk])
}
