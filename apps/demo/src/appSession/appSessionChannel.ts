/**
 * The demo app's own session across tabs. Core keeps the *Calls* session in step between tabs; the
 * app's cookie session is the app's business, so the app tells its other tabs when it changes and
 * they ask the server who is signed in now (the cookie is shared, the answer is the truth).
 */
const CHANNEL = 'callsession-demo:app-session'

/** Why the app session changed (the receiver refetches either way; the reason is for the timeline). */
export type AppSessionChange = 'signed-in' | 'signed-out' | 'profile-saved' | 'account-deleted'

const open = () => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL))

/** Tells the other tabs of this browser profile that the app session changed. */
export function announceAppSessionChange(change: AppSessionChange): void {
  const channel = open()
  channel?.postMessage({ change })
  channel?.close()
}

/** Calls `onChange` when another tab announces a change; returns the unsubscribe function. */
export function onAppSessionChange(onChange: (change: AppSessionChange) => void): () => void {
  const channel = open()
  if (!channel) return () => {}
  channel.onmessage = ({ data }: MessageEvent<{ change?: unknown } | null>) => {
    const change = data?.change
    if (
      change === 'signed-in' ||
      change === 'signed-out' ||
      change === 'profile-saved' ||
      change === 'account-deleted'
    ) {
      onChange(change)
    }
  }
  return () => channel.close()
}
