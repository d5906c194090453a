'use client'
import { type ReactNode, useEffect } from 'react'
import { CallsSessionContext, ProviderUidContext } from './context.js'
import { syncUser } from './signInRequests.js'
import { type SessionSource, useProviderSession } from './useProviderSession.js'
import { type SessionCallbacks, useSessionCallbacks } from './useSessionCallbacks.js'

/**
 * Props of `<CometChatAuthProvider>`: session options or a ready `session`. `fetchToken` may change
 * freely; a change of `appId`, `region` or a host re-creates the session; the rest is read once.
 */
export type CometChatAuthProviderProps = {
  /** The app's signed-in user: a uid signs in (or switches), `null` signs out, `undefined` leaves it to you. */
  uid?: string | null | undefined
  children?: ReactNode | undefined
} & SessionCallbacks &
  SessionSource

/**
 * Gives its subtree a CometChat Calls session that follows `uid`.
 * @example <CometChatAuthProvider appId="…" region="us" tokenEndpoint="/api/cometchat/token" uid={user?.id ?? null}>
 */
export function CometChatAuthProvider({
  uid,
  children,
  onEvent,
  onError,
  onStatusChange,
  preloadSdk,
  ...source
}: CometChatAuthProviderProps) {
  const session = useProviderSession(source)
  useSessionCallbacks(session, { onEvent, onError, onStatusChange, preloadSdk })
  useEffect(() => {
    // Failures land in the session's state (status 'error'); nothing to rethrow here.
    if (uid !== undefined) syncUser(session, uid).catch(() => {})
  }, [session, uid])
  return (
    <CallsSessionContext.Provider value={session}>
      <ProviderUidContext.Provider value={uid}>{children}</ProviderUidContext.Provider>
    </CallsSessionContext.Provider>
  )
}
