/** What user sync remembers per uid: the last applied version, and a tombstone after a permanent delete. */
export interface UserSyncState {
  version?: number | undefined
  deleted: boolean
}

/** Per-uid sync state, so late or replayed events cannot undo newer ones. */
export interface SyncStateStore {
  get(uid: string): Promise<UserSyncState | undefined> | UserSyncState | undefined
  set(uid: string, state: UserSyncState): Promise<void> | void
}

/** In-memory sync state with TTL (default 30 days), bounded to `maxEntries` uids (one process only). */
export function createMemorySyncStateStore(
  options: { maxEntries?: number; ttlMs?: number } = {},
): SyncStateStore {
  const max = options.maxEntries ?? 100_000
  const ttl = options.ttlMs ?? 30 * 24 * 60 * 60 * 1000
  const states = new Map<string, { state: UserSyncState; until: number }>()
  return {
    get(uid) {
      const entry = states.get(uid)
      if (!entry || Date.now() >= entry.until) return undefined
      return entry.state
    },
    set(uid, state) {
      states.delete(uid)
      states.set(uid, { state, until: Date.now() + ttl })
      while (states.size > max) {
        const oldest = states.keys().next().value
        if (oldest === undefined) break
        states.delete(oldest)
      }
    },
  }
}
