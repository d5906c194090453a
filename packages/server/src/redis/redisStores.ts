import type { CallLimiter } from '../client/http.js'
import type { DedupeStore } from '../stores/dedupeStore.js'
import type { PruneThrottle } from '../stores/pruneThrottle.js'
import type { RateLimiter } from '../stores/rateLimiter.js'
import type { SyncStateStore } from '../stores/syncStateStore.js'
import type { TokenReuseStore } from '../stores/tokenReuseStore.js'
import { createRedisCallBudget } from './redisCallBudget.js'
import type { RedisStoreOptions } from './redisClient.js'
import { createRedisDedupeStore } from './redisDedupeStore.js'
import { createRedisPruneThrottle } from './redisPruneThrottle.js'
import { createRedisRateLimiter } from './redisRateLimiter.js'
import { createRedisSyncStateStore } from './redisSyncStateStore.js'
import { createRedisTokenReuseStore } from './redisTokenReuseStore.js'

/** Options of `createRedisStores`. */
export interface RedisStoresOptions extends RedisStoreOptions {
  /** At least 32 characters, the same on every instance: seals the young-token reuse cache. */
  secret: string
  /** The fleet's CometChat call budget (see `createRedisCallBudget`); e.g. `{ limit: 9_000, instances: 3 }`. */
  budget: { limit: number; windowSeconds?: number; instances?: number; guardMs?: number }
  /** Per-uid token limit shared by the fleet (default 10 per 60 s, as in one process). */
  tokenRateLimit?: { limit: number; windowSeconds: number }
}

/** Every shared store of the kit on one Redis, grouped by where each goes. */
export interface RedisStores {
  /** `createCometChatClient({ limiter })`. */
  callBudget: CallLimiter
  /** Spread into `createTokenHandler({ … })`. */
  tokenHandler: {
    pruneThrottle: PruneThrottle
    rateLimit: RateLimiter
    tokenReuse: { store: TokenReuseStore; secret: string }
  }
  /** Spread into `createUserSyncHandler({ … })`. */
  userSync: { dedupe: DedupeStore; syncState: SyncStateStore }
}

/**
 * The kit's state for several instances, on one Redis:
 * `const stores = createRedisStores({ client, secret, budget: { limit: 9_000, instances: 3 } })`.
 */
export function createRedisStores(options: RedisStoresOptions): RedisStores {
  const base = {
    client: options.client,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
  }
  return {
    callBudget: createRedisCallBudget({ ...base, ...options.budget }),
    tokenHandler: {
      pruneThrottle: createRedisPruneThrottle(base),
      rateLimit: createRedisRateLimiter({
        ...base,
        ...(options.tokenRateLimit ?? { limit: 10, windowSeconds: 60 }),
      }),
      tokenReuse: {
        store: createRedisTokenReuseStore({ ...base, secret: options.secret }),
        secret: options.secret,
      },
    },
    userSync: {
      dedupe: createRedisDedupeStore(base),
      syncState: createRedisSyncStateStore(base),
    },
  }
}
