import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import type { TokenReuseStore } from '../stores/tokenReuseStore.js'
import { DEFAULT_PREFIX, px, type RedisStoreOptions } from './redisClient.js'

/** Options of `createRedisTokenReuseStore`. */
export interface RedisTokenReuseStoreOptions extends RedisStoreOptions {
  /**
   * A server secret of at least 32 characters, the same on every instance (also give it to the
   * token handler as `tokenReuse.secret`). Keys in Redis are HMACs under it and values are sealed
   * with AES-256-GCM under a key derived from it, so a Redis dump or a replica reveals no token.
   */
  secret: string
}

/**
 * The young-token reuse cache on Redis. It seals on its own, whatever the caller already did: the
 * guarantee "Redis never holds a readable token" does not depend on the handler's settings.
 * A value that does not open (another secret, tampering) reads as absent, which only costs a mint.
 */
export function createRedisTokenReuseStore(options: RedisTokenReuseStoreOptions): TokenReuseStore {
  if (typeof options.secret !== 'string' || options.secret.length < 32)
    throw new RangeError('createRedisTokenReuseStore: secret must be at least 32 characters')
  const { client } = options
  const prefix = `${options.prefix ?? DEFAULT_PREFIX}reuse:`
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', options.secret, 'callsession redis reuse', info, 32))
  const macKey = derive('key')
  const encKey = derive('seal')
  const keyOf = (key: string) =>
    prefix + createHmac('sha256', macKey).update(key).digest('base64url')

  function seal(redisKey: string, value: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', encKey, iv)
    cipher.setAAD(Buffer.from(redisKey))
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
  }

  function open(redisKey: string, sealed: string): string | undefined {
    try {
      const raw = Buffer.from(sealed, 'base64url')
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12))
      decipher.setAAD(Buffer.from(redisKey))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    } catch {
      return undefined
    }
  }

  return {
    async get(key) {
      const redisKey = keyOf(key)
      const sealed = await client.sendCommand(['GET', redisKey])
      return typeof sealed === 'string' ? open(redisKey, sealed) : undefined
    },
    async set(key, value, ttlMs) {
      const redisKey = keyOf(key)
      await client.sendCommand(['SET', redisKey, seal(redisKey, value), 'PX', px(ttlMs)])
    },
    async delete(key) {
      await client.sendCommand(['DEL', keyOf(key)])
    },
  }
}
