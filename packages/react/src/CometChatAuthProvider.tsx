'use client'
import { type CallsSession, type CallsSessionOptions, createCallsSession } from '@callsession/core'
import { QueryClientContext } from '@tanstack/react-query'
import { type ReactNode, useContext, useEffect, useRef, useState } from 'react'
import { CallsSessionContext } from './context.js'

/** Props of `<CometChatAuthProvider>`: session options (read once, on mount) or a ready `session`. */
export type CometChatAuthProviderProps = {
  /** The app's signed-in user: a uid signs in (or switches), `null` signs out, `undefined` leaves it to you. */
  uid?: string | null | undefined
  children?: ReactNode
} & (CallsSessionOptions | { session: CallsSession })

/**
 * Gives its subtree a CometChat Calls session that follows `uid`.
 * @example <CometChatAuthProvider appId="…" region="us" tokenEndpoint="/api/cometchat/token" uid={user?.id ?? null}>
 */
export function CometChatAuthProvider({ uid, children, ...source }: CometChatAuthProviderProps) {
  const nearestClient = useContext(QueryClientContext)
  // Created once and inert until an effect runs, so SSR and StrictMode's double render start nothing.
  const [[session, owned]] = useState((): [CallsSession, boolean] =>
    'session' in source
      ? [source.session, false]
      : [createCallsSession({ ...source, queryClient: source.queryClient ?? nearestClient }), true],
  )
  const mounts = useRef(0)
  useEffect(() => {
    const release = session.retain()
    mounts.current++
    return () => {
      release()
      mounts.current--
      // StrictMode unmounts and remounts synchronously: destroy only if no remount followed.
      if (owned) queueMicrotask(() => mounts.current === 0 && session.destroy())
    }
  }, [session, owned])
  useEffect(() => {
    // Failures land in the session's state (status 'error'); nothing to rethrow here.
    if (uid !== undefined) session.syncUser(uid).catch(() => {})
  }, [session, uid])
  return <CallsSessionContext.Provider value={session}>{children}</CallsSessionContext.Provider>
}
