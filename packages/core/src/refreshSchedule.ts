/** `setTimeout` cannot wait longer than this (about 24.8 days); longer waits are re-armed. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * When to refresh a token: `leewayMs` before it expires, but never earlier than half its lifetime
 * (a short-lived token is not refreshed in a tight loop). Returns an epoch-ms time.
 */
export function refreshDueAt({
  receivedAt,
  expiresAt,
  leewayMs,
}: {
  receivedAt: number
  expiresAt: number
  leewayMs: number
}): number {
  const lifetime = expiresAt - receivedAt
  return receivedAt + Math.max(lifetime - leewayMs, lifetime / 2)
}
