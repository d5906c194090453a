'use client'
import {
  type CallsSession,
  type CallsSessionOptions,
  createCallsSession,
  type FetchToken,
} from '@callsession/core'
import { type RefObject, useEffect, useInsertionEffect, useRef, useState } from 'react'

/** What the provider is given: options for a session of its own, or a ready session. */
export type SessionSource = CallsSessionOptions | { session: CallsSession }
type Owned = { session: CallsSession; key: string }

/** Options that name the CometChat app and where it lives: a change means another session. */
const IDENTITY = ['appId', 'region', 'host', 'clientHost', 'adminHost'] as const
const identityOf = (source: SessionSource) => {
  // Stryker disable next-line StringLiteral: equivalent: any constant key keeps a given session
  if ('session' in source) return ''
  const values = source as unknown as Record<string, unknown>
  return JSON.stringify([IDENTITY.map((name) => values[name]), !!source.fetchToken])
}

/** A session for `options` whose `fetchToken` is always the newest one the provider was given. */
function createOwned(options: SessionSource, latest: RefObject<SessionSource>): Owned | undefined {
  if ('session' in options) return undefined
  const { fetchToken } = options
  const newest: FetchToken = (context) =>
    ((latest.current as CallsSessionOptions).fetchToken ?? fetchToken!)(context)
  const session = createCallsSession({ ...options, ...(fetchToken && { fetchToken: newest }) })
  return { session, key: identityOf(options) }
}

/** Sessions destroyed here: `<Activity>` keeps one in state while hidden, then shows it again. */
const destroyed = new WeakSet<CallsSession>()

/**
 * The provider's session: the one it was given, or its own, created during render (inert until an
 * effect retains it), re-created when the app's identity changes, destroyed when no mount holds it.
 */
export function useProviderSession(source: SessionSource): CallsSession {
  const latest = useRef(source)
  useInsertionEffect(() => {
    latest.current = source
  })
  const key = identityOf(source)
  const [owned, setOwned] = useState(() => createOwned(source, latest))
  let current = owned
  // A changed identity: replace the session during render (React's "adjust state on prop change").
  if (!('session' in source) && owned?.key !== key) {
    current = createOwned(source, latest)
    setOwned(current)
  }
  const session = 'session' in source ? source.session : current!.session
  const own = owned?.session === session
  const mounted = useRef<CallsSession>(undefined)
  useEffect(() => {
    if (destroyed.has(session)) return setOwned(createOwned(latest.current, latest))
    const release = session.retain()
    mounted.current = session
    return () => {
      release()
      mounted.current = undefined
      // StrictMode unmounts and remounts synchronously: destroy only if no remount followed.
      queueMicrotask(() => {
        if (!own || mounted.current === session) return
        destroyed.add(session)
        session.destroy()
      })
    }
  }, [session, own])
  const firstKey = useRef(key)
  useEffect(() => {
    if (key === firstKey.current) return
    firstKey.current = key
    // The literal `process.env.NODE_ENV` is what bundlers replace: production drops the warning.
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      console.warn('<CometChatAuthProvider>: appId, region or a host changed: new session.')
    }
  }, [key])
  return session
}
