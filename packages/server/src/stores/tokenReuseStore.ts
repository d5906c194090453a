import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'

/**
 * Where the token handler keeps young tokens for reuse. It only ever sees opaque strings: keys are
 * HMACs of the uid and values are sealed (AES-256-GCM) under a key the store never holds, so a dump
 * of the store (or of Redis) reveals no token and no uid.
 */
export interface TokenReuseStore {
  get(key: string): Promise<string | undefined> | string | undefined
  set(key: string, value: string, ttlMs: number): Promise<void> | void
  delete(key: string): Promise<void> | void
}

/** In-memory reuse store with TTL, bounded to `maxEntries` (one process only). */
export function createMemoryTokenReuseStore(
  options: { maxEntries?: number } = {},
): TokenReuseStore {
  const max = options.maxEntries ?? 10_000
  const entries = new Map<string, { value: string; until: number }>()
  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      if (Date.now() >= entry.until) {
        entries.delete(key)
        return undefined
      }
      return entry.value
    },
    set(key, value, ttlMs) {
      entries.delete(key)
      entries.set(key, { value, until: Date.now() + ttlMs })
      while (entries.size > max) {
        const oldest = entries.keys().next().value
        if (oldest === undefined) break
        entries.delete(oldest)
      }
    },
    delete(key) {
      entries.delete(key)
    },
  }
}

/** A token as the reuse cache holds it once unsealed. */
export interface ReusableToken {
  uid: string
  authToken: string
  createdAt: number
}

/** Keys and seals tokens for a TokenReuseStore with a secret (random per process unless given). */
export function createTokenSealer(secret?: string) {
  const root = secret === undefined ? randomBytes(32) : createHash('sha256').update(secret).digest()
  const macKey = createHmac('sha256', root).update('callsession reuse key').digest()
  const encKey = createHmac('sha256', root).update('callsession reuse seal').digest()
  return {
    keyOf: (uid: string) => createHmac('sha256', macKey).update(uid).digest('base64url'),
    seal(token: ReusableToken): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      cipher.setAAD(Buffer.from(token.uid))
      const body = Buffer.concat([cipher.update(JSON.stringify(token)), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
    },
    /** The token, or undefined when the value is not one this sealer made for `uid`. */
    open(uid: string, sealed: string): ReusableToken | undefined {
      try {
        const raw = Buffer.from(sealed, 'base64url')
        const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12))
        decipher.setAAD(Buffer.from(uid))
        decipher.setAuthTag(raw.subarray(12, 28))
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()])
        const token = JSON.parse(text.toString('utf8')) as ReusableToken
        return token.uid === uid && typeof token.authToken === 'string' ? token : undefined
      } catch {
        return undefined
      }
    },
  }
}
