import { randomUUID } from 'node:crypto'
import type { ClaimResult, DedupeStore } from '../stores/dedupeStore.js'
import { DEFAULT_PREFIX, evalScript, px, type RedisStoreOptions } from './redisClient.js'

// One round trip decides: a lease is taken with SET NX PX only when no lease and no `done` exists.
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == 'done' then return 'done' end
if v then return 'busy' end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 'claimed'`

// Only the lease this process took is dropped: after it expired another instance may hold a new one.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/** Options of `createRedisDedupeStore`. */
export interface RedisDedupeStoreOptions extends RedisStoreOptions {
  /** How long an applied id is remembered (default 24 h). */
  ttlMs?: number
}

/**
 * The webhook dedupe store on Redis, shared by every instance: `claim` is atomic (a Lua script),
 * a lease expires by itself (PX) when its holder dies, `complete` remembers the id for `ttlMs`.
 */
export function createRedisDedupeStore(options: RedisDedupeStoreOptions): DedupeStore {
  const { client } = options
  const prefix = `${options.prefix ?? DEFAULT_PREFIX}dedupe:`
  const ttl = px(options.ttlMs ?? 24 * 60 * 60 * 1000)
  const leases = new Map<string, string>()
  return {
    async claim(id, leaseMs) {
      const lease = `lease:${randomUUID()}`
      const result = (await evalScript(
        client,
        CLAIM,
        [prefix + id],
        [lease, px(leaseMs)],
      )) as string
      if (result === 'claimed') leases.set(id, lease)
      return result as ClaimResult
    },
    async complete(id) {
      leases.delete(id)
      await client.sendCommand(['SET', prefix + id, 'done', 'PX', ttl])
    },
    async release(id) {
      const lease = leases.get(id)
      if (lease === undefined) return
      leases.delete(id)
      await evalScript(client, RELEASE, [prefix + id], [lease])
    },
  }
}
