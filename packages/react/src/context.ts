'use client'
import type { CallsSession } from '@callsession/core'
import { createContext } from 'react'

/** The `CallsSession` of the nearest `<CometChatAuthProvider>` (null outside of one). */
export const CallsSessionContext = createContext<CallsSession | null>(null)
