import { focusManager, onlineManager } from '@tanstack/query-core'

/**
 * Calls `onWake` when the tab becomes visible again or the browser comes back online: after a
 * laptop sleep, timers are late and expiry must be checked at once. Uses query-core's focus and
 * online managers (the same signals React Query refetches on). Returns the detach function.
 */
export function watchEnvironment(onWake: () => void): () => void {
  const wake = (active: boolean) => active && onWake()
  const unfocus = focusManager.subscribe(wake)
  const unonline = onlineManager.subscribe(wake)
  return () => {
    unfocus()
    unonline()
  }
}
