'use client'
import type { CallsSession } from '@callsession/core'

/** The uid each provider last handed to its session's `syncUser` (null: sign out). */
const handedOver = new WeakMap<CallsSession, string | null>()

/** Hands `uid` to the session; the view stops deriving `authenticating` from then on. */
export function syncUser(session: CallsSession, uid: string | null): Promise<void> {
  handedOver.set(session, uid)
  return session.syncUser(uid)
}

/**
 * True while a provider holds a uid that its session has not been asked to sign in yet: render
 * runs before effects (and SSR never runs them), and nothing may start during render.
 */
export const isSignInPending = (session: CallsSession, uid: string | null | undefined) =>
  typeof uid === 'string' && handedOver.get(session) !== uid
