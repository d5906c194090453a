/** Decides whether a uid's old tokens may be pruned now (at most once per interval per uid). */
export interface PruneThrottle {
  /** True (and the uid's turn is taken) when the uid was not pruned within `intervalMs`. */
  take(uid: string, intervalMs: number): Promise<boolean> | boolean
}

/** In-memory throttle, bounded to `maxEntries` uids (forgetting one only costs an extra prune). */
export function createMemoryPruneThrottle(options: { maxEntries?: number } = {}): PruneThrottle {
  const max = options.maxEntries ?? 10_000
  const last = new Map<string, number>()
  return {
    take(uid, intervalMs) {
      const now = Date.now()
      const at = last.get(uid)
      if (at !== undefined && now - at < intervalMs) return false
      last.delete(uid)
      last.set(uid, now)
      while (last.size > max) {
        const oldest = last.keys().next().value
        if (oldest === undefined) break
        last.delete(oldest)
      }
      return true
    },
  }
}
