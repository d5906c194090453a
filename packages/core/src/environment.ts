/**
 * Calls `onWake` when the tab becomes visible again or the browser comes back online (after a
 * laptop sleep, timers are late: expiry must be checked at once). Returns the detach function.
 * Does nothing outside a browser.
 */
export function watchEnvironment(onWake: (reason: 'visible' | 'online') => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {}
  const onVisibility = () => {
    if (document.visibilityState === 'visible') onWake('visible')
  }
  const onOnline = () => onWake('online')
  document.addEventListener('visibilitychange', onVisibility)
  window.addEventListener('online', onOnline)
  return () => {
    document.removeEventListener('visibilitychange', onVisibility)
    window.removeEventListener('online', onOnline)
  }
}
