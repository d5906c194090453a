export { createRedisCallBudget, type RedisCallBudgetOptions } from './redisCallBudget.js'
export type { RedisCommandClient, RedisStoreOptions } from './redisClient.js'
export { createRedisDedupeStore, type RedisDedupeStoreOptions } from './redisDedupeStore.js'
export { createRedisPruneThrottle } from './redisPruneThrottle.js'
export { createRedisRateLimiter, type RedisRateLimiterOptions } from './redisRateLimiter.js'
export { createRedisStores, type RedisStores, type RedisStoresOptions } from './redisStores.js'
export {
  createRedisSyncStateStore,
  type RedisSyncStateStoreOptions,
} from './redisSyncStateStore.js'
export {
  createRedisTokenReuseStore,
  type RedisTokenReuseStoreOptions,
} from './redisTokenReuseStore.js'
