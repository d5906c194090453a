/** `setTimeout` cannot wait longer than this (about 24.8 days); longer waits are re-armed. */
export const MAX_TIMER_MS = 2 ** 31 - 1
/** At most one proactive token request per this interval, whatever the grants say. */
export const MIN_REFRESH_INTERVAL_MS = 5_000
/** Failed refreshes back off up to this. */
export const MAX_BACKOFF_MS = 5 * 60_000

/**
 * When to refresh a token: `leewayMs` before it expires, but never earlier than half its lifetime
 * (a short-lived token is not refreshed in a tight loop), and never sooner than
 * `MIN_REFRESH_INTERVAL_MS` after the last proactive request. Returns an epoch-ms time.
 */
export function refreshDueAt({
  receivedAt,
  expiresAt,
  leewayMs,
  lastRequestAt = Number.NEGATIVE_INFINITY,
}: {
  receivedAt: number
  expiresAt: number
  leewayMs: number
  lastRequestAt?: number | undefined
}): number {
  const lifetime = expiresAt - receivedAt
  return Math.max(
    receivedAt + Math.max(lifetime - leewayMs, lifetime / 2),
    lastRequestAt + MIN_REFRESH_INTERVAL_MS,
  )
}

/**
 * How long to wait after the `failures`-th failed refresh: exponential from 5 s, capped at 5 min,
 * and (while the old token still works) at half of what is left of it, but never under 5 s.
 */
export function backoffMs(failures: number, remainingMs = Number.POSITIVE_INFINITY): number {
  const exponential = Math.min(
    MIN_REFRESH_INTERVAL_MS * 2 ** Math.max(0, failures - 1),
    MAX_BACKOFF_MS,
  )
  return Math.max(MIN_REFRESH_INTERVAL_MS, Math.min(exponential, remainingMs / 2))
}
