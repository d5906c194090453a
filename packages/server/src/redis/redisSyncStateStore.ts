import type { SyncStateStore, UserSyncState } from '../stores/syncStateStore.js'
import { DEFAULT_PREFIX, evalScript, px, type RedisStoreOptions } from './redisClient.js'

// A write never moves a uid's version backwards: two instances racing on one uid cannot undo the
// newer event (the older write is dropped, atomically, inside Redis).
const SET_STATE = `
local old = redis.call('GET', KEYS[1])
if old then
  local prev = cjson.decode(old)
  local nextState = cjson.decode(ARGV[1])
  if prev.version and nextState.version and tonumber(nextState.version) < tonumber(prev.version) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`

/** Options of `createRedisSyncStateStore`. */
export interface RedisSyncStateStoreOptions extends RedisStoreOptions {
  /** How long a uid's version and tombstone are kept (default 30 days). */
  ttlMs?: number
}

/** Per-uid versions and tombstones of user sync on Redis, shared by every instance. */
export function createRedisSyncStateStore(options: RedisSyncStateStoreOptions): SyncStateStore {
  const { client } = options
  const prefix = `${options.prefix ?? DEFAULT_PREFIX}sync:`
  const ttl = px(options.ttlMs ?? 30 * 24 * 60 * 60 * 1000)
  return {
    async get(uid) {
      const raw = await client.sendCommand(['GET', prefix + uid])
      if (typeof raw !== 'string') return undefined
      const parsed = JSON.parse(raw) as { version?: number; deleted?: boolean }
      const state: UserSyncState = { deleted: parsed.deleted === true }
      if (typeof parsed.version === 'number') state.version = parsed.version
      return state
    },
    async set(uid, state) {
      const value = JSON.stringify({
        ...(state.version === undefined ? {} : { version: state.version }),
        deleted: state.deleted,
      })
      await evalScript(client, SET_STATE, [prefix + uid], [value, ttl])
    },
  }
}
