import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'
import { fromFlexibleLimiter, type RateLimiter } from '../stores/rateLimiter.js'
import { DEFAULT_PREFIX, type RedisStoreOptions } from './redisClient.js'

/** Options of `createRedisRateLimiter`. */
export interface RedisRateLimiterOptions extends RedisStoreOptions {
  /** Hits allowed per key in one window, counted across every instance. */
  limit: number
  /** Window length in seconds. */
  windowSeconds: number
}

/**
 * The token endpoint's per-uid limit shared by the fleet (rate-limiter-flexible's
 * `RateLimiterRedis`, an atomic INCR + EXPIRE script): N instances allow `limit` per uid, not N×.
 * While Redis is unreachable, each instance counts on its own (its insurance limiter).
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  if (!(options.limit >= 1) || !(options.windowSeconds >= 1))
    throw new RangeError('createRedisRateLimiter: limit and windowSeconds must be at least 1')
  const limiter = new RateLimiterRedis({
    storeClient: options.client,
    useRedisPackage: true,
    keyPrefix: `${options.prefix ?? DEFAULT_PREFIX}uid-limit`,
    points: options.limit,
    duration: options.windowSeconds,
    // While Redis is down each instance limits on its own rather than failing every token request.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({
      points: options.limit,
      duration: options.windowSeconds,
    }),
  })
  return fromFlexibleLimiter(limiter)
}
