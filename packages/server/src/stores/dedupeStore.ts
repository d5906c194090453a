/** What `DedupeStore.claim` found: go ahead, already applied, or being applied by another delivery. */
export type ClaimResult = 'claimed' | 'done' | 'busy'

/**
 * Remembers webhook event ids for an at-least-once consumer: `claim` takes a short lease, `complete`
 * marks the id seen only after its event succeeded, `release` drops the lease after a failure. A
 * lease that is never completed (the process died) expires, so the sender's retry is applied.
 */
export interface DedupeStore {
  claim(id: string, leaseMs: number): Promise<ClaimResult> | ClaimResult
  complete(id: string): Promise<void> | void
  release(id: string): Promise<void> | void
}

/** In-memory dedupe store with bounded size and TTL (one process only; use a shared store when scaled out). */
export function createMemoryDedupeStore(
  options: { maxEntries?: number; ttlMs?: number } = {},
): DedupeStore {
  const max = options.maxEntries ?? 10_000
  const ttl = options.ttlMs ?? 24 * 60 * 60 * 1000
  const ids = new Map<string, { done: boolean; until: number }>()
  const put = (id: string, done: boolean, forMs: number) => {
    ids.delete(id)
    ids.set(id, { done, until: Date.now() + forMs })
    while (ids.size > max) {
      const oldest = ids.keys().next().value
      if (oldest === undefined) break
      ids.delete(oldest)
    }
  }
  return {
    claim(id, leaseMs) {
      const entry = ids.get(id)
      if (entry && Date.now() < entry.until) return entry.done ? 'done' : 'busy'
      put(id, false, leaseMs)
      return 'claimed'
    },
    complete(id) {
      put(id, true, ttl)
    },
    release(id) {
      if (ids.get(id)?.done === false) ids.delete(id)
    },
  }
}
