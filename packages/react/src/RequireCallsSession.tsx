'use client'
import type { ReactNode } from 'react'
import { useCallsSession } from './useCallsSession.js'

/** Props of `<RequireCallsSession>`. */
export interface RequireCallsSessionProps {
  children?: ReactNode | undefined
  /** Shown while the session is not authenticated (signing in, signed out, failed). */
  fallback?: ReactNode | undefined
}

/**
 * Renders `children` only while the session is authenticated (a refresh included), else `fallback`.
 * @example <RequireCallsSession fallback={<Spinner />}><CallScreen /></RequireCallsSession>
 */
export function RequireCallsSession({ children, fallback = null }: RequireCallsSessionProps) {
  return <>{useCallsSession((s) => s.isAuthenticated) ? children : fallback}</>
}
