import type { PruneThrottle } from '../stores/pruneThrottle.js'
import { DEFAULT_PREFIX, px, type RedisStoreOptions } from './redisClient.js'

/**
 * The prune throttle on Redis: the first instance to `SET NX PX` a uid's key prunes it; the others
 * skip it until the key expires after `intervalMs`.
 */
export function createRedisPruneThrottle(options: RedisStoreOptions): PruneThrottle {
  const prefix = `${options.prefix ?? DEFAULT_PREFIX}prune:`
  return {
    async take(uid, intervalMs) {
      const reply = await options.client.sendCommand([
        'SET',
        prefix + uid,
        '1',
        'NX',
        'PX',
        px(intervalMs),
      ])
      return reply === 'OK'
    },
  }
}
