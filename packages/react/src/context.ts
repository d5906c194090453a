'use client'
import type { CallsSession } from '@callsession/core'
import { createContext } from 'react'

/** The `CallsSession` of the nearest `<CometChatAuthProvider>` (null outside of one). */
export const CallsSessionContext = createContext<CallsSession | null>(null)

/** The `uid` prop of the nearest provider, for the view's `authenticating` before the sign-in starts. */
export const ProviderUidContext = createContext<string | null | undefined>(undefined)
