import { createClient } from 'redis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { redisUnavailable, startRedis, type TestRedis } from '../../test/redisServer.js'
import { createRedisCallBudget } from '../redis/redisCallBudget.js'
import { createRedisDedupeStore } from '../redis/redisDedupeStore.js'
import { createRedisPruneThrottle } from '../redis/redisPruneThrottle.js'
import { createRedisRateLimiter } from '../redis/redisRateLimiter.js'
import { createRedisSyncStateStore } from '../redis/redisSyncStateStore.js'
import { createRedisTokenReuseStore } from '../redis/redisTokenReuseStore.js'

if (redisUnavailable) console.warn(`[redis stores] ${redisUnavailable}`)

type Client = ReturnType<typeof createClient>
const SECRET = 'a-server-secret-of-at-least-32-characters!'

/** Waits (bounded) until `check` holds; Redis' own clock expires keys, we only look. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`never happened: ${what}`)
}

describe.skipIf(redisUnavailable !== undefined)('Redis-backed stores (real redis-server)', () => {
  let redis: TestRedis
  // Three connections play three instances of the app.
  let clients: Client[]
  beforeAll(async () => {
    redis = await startRedis()
    clients = await Promise.all(
      [0, 1, 2].map(() => createClient({ url: redis.url }).connect() as Promise<Client>),
    )
  })
  afterAll(async () => {
    await Promise.all(clients?.map((c) => c.close().catch(() => {})) ?? [])
    await redis?.stop()
  })
  beforeEach(async () => {
    await clients[0]?.flushAll()
  })
  const each = <T>(make: (client: Client) => T): T[] => clients.map((client) => make(client))

  describe('dedupe store', () => {
    it('lets exactly one of 60 concurrent deliveries (3 instances) claim an id', async () => {
      const stores = each((client) => createRedisDedupeStore({ client }))
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => stores[i % 3]?.claim('evt_1', 10_000)),
      )
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1)
      expect(results.filter((r) => r === 'busy')).toHaveLength(59)
    })

    it('answers done after complete, on every instance, and keeps it for ttlMs only', async () => {
      const [a, b] = each((client) => createRedisDedupeStore({ client, ttlMs: 60_000 }))
      expect(await a?.claim('evt_2', 10_000)).toBe('claimed')
      await a?.complete('evt_2')
      expect(await b?.claim('evt_2', 10_000)).toBe('done')
      const ttl = await clients[0]?.pTTL('callsession:dedupe:evt_2')
      expect(ttl).toBeGreaterThan(50_000)
      expect(ttl).toBeLessThanOrEqual(60_000)
    })

    it('a released claim can be taken again; a stranger’s release does not drop a lease', async () => {
      const [a, b] = each((client) => createRedisDedupeStore({ client }))
      expect(await a?.claim('evt_3', 10_000)).toBe('claimed')
      await b?.release('evt_3') // b holds no lease: nothing happens
      expect(await b?.claim('evt_3', 10_000)).toBe('busy')
      await a?.release('evt_3')
      expect(await b?.claim('evt_3', 10_000)).toBe('claimed')
    })

    it('a lease whose holder died expires by itself (Redis PX), so the retry is applied', async () => {
      const [a, b] = each((client) => createRedisDedupeStore({ client }))
      expect(await a?.claim('evt_4', 30)).toBe('claimed')
      expect(await b?.claim('evt_4', 10_000)).toBe('busy')
      await eventually(async () => (await b?.claim('evt_4', 10_000)) === 'claimed', 'lease expiry')
      // The dead holder's late release must not drop the new holder's lease.
      await a?.release('evt_4')
      expect(await a?.claim('evt_4', 10_000)).toBe('busy')
    })
  })

  describe('prune throttle', () => {
    it('gives the turn to one of 30 concurrent instances, then again after the interval', async () => {
      const throttles = each((client) => createRedisPruneThrottle({ client }))
      const turns = await Promise.all(
        Array.from({ length: 30 }, (_, i) => throttles[i % 3]?.take('ann', 40)),
      )
      expect(turns.filter(Boolean)).toHaveLength(1)
      expect(await throttles[1]?.take('bob', 40)).toBe(true)
      await eventually(async () => (await throttles[2]?.take('ann', 40)) === true, 'interval end')
    })
  })

  describe('token reuse store', () => {
    const token = 'ann_1764000000abcdef0123456789abcdef01234567'

    it('shares a token between instances with the same secret', async () => {
      const [a, b] = each((client) => createRedisTokenReuseStore({ client, secret: SECRET }))
      await a?.set('key-of-ann', token, 10_000)
      expect(await b?.get('key-of-ann')).toBe(token)
      await b?.delete('key-of-ann')
      expect(await a?.get('key-of-ann')).toBeUndefined()
    })

    it('never lets Redis see the token or the caller’s key: every key and value is opaque', async () => {
      const [a] = each((client) => createRedisTokenReuseStore({ client, secret: SECRET }))
      await a?.set('ann', token, 10_000)
      const client = clients[0] as Client
      const keys = await client.keys('*')
      expect(keys).toHaveLength(1)
      expect(keys[0]).not.toContain('ann')
      const raw = await client.get(keys[0] as string)
      expect(raw).not.toContain(token)
      expect(raw).not.toContain('ann_')
      expect(Buffer.from(raw ?? '', 'base64url').toString('latin1')).not.toContain('ann_')
    })

    it('reads as absent under another secret, after tampering, and after its TTL', async () => {
      const [a] = each((client) => createRedisTokenReuseStore({ client, secret: SECRET }))
      const other = createRedisTokenReuseStore({
        client: clients[1] as Client,
        secret: `${SECRET}-other`,
      })
      await a?.set('ann', token, 10_000)
      expect(await other.get('ann')).toBeUndefined()
      const client = clients[0] as Client
      const [key] = await client.keys('*')
      const raw = Buffer.from((await client.get(key as string)) ?? '', 'base64url')
      raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1
      await client.set(key as string, raw.toString('base64url'))
      expect(await a?.get('ann')).toBeUndefined()
      await a?.set('bob', token, 30)
      await eventually(async () => (await a?.get('bob')) === undefined, 'reuse TTL')
    })

    it('refuses a missing or short secret', () => {
      expect(() =>
        createRedisTokenReuseStore({ client: clients[0] as Client, secret: 'short' }),
      ).toThrow(/at least 32/)
    })
  })

  describe('sync state store', () => {
    it('keeps the newest version when instances race with older writes', async () => {
      const stores = each((client) => createRedisSyncStateStore({ client }))
      const versions = Array.from({ length: 50 }, (_, i) => i + 1).sort(() => Math.random() - 0.5)
      await Promise.all(
        versions.map((version, i) => stores[i % 3]?.set('ann', { version, deleted: false })),
      )
      expect(await stores[0]?.get('ann')).toEqual({ version: 50, deleted: false })
    })

    it('keeps a tombstone and reads it on another instance; unknown uids are undefined', async () => {
      const [a, b] = each((client) => createRedisSyncStateStore({ client }))
      await a?.set('ann', { version: 7, deleted: true })
      expect(await b?.get('ann')).toEqual({ version: 7, deleted: true })
      await b?.set('ann', { version: 3, deleted: false })
      expect(await a?.get('ann')).toEqual({ version: 7, deleted: true })
      await b?.set('bob', { deleted: false })
      expect(await a?.get('bob')).toEqual({ deleted: false })
      expect(await a?.get('nobody')).toBeUndefined()
    })
  })

  describe('rate limits (rate-limiter-flexible on Redis)', () => {
    it('the per-uid limit counts across instances: 5 of 30 concurrent hits pass', async () => {
      const limiters = each((client) =>
        createRedisRateLimiter({ client, limit: 5, windowSeconds: 60 }),
      )
      const verdicts = await Promise.all(
        Array.from({ length: 30 }, (_, i) => limiters[i % 3]?.consume('ann')),
      )
      expect(verdicts.filter((v) => v?.allowed)).toHaveLength(5)
      const refused = verdicts.find((v) => v && !v.allowed)
      expect(refused && !refused.allowed && refused.retryAfterMs).toBeGreaterThan(0)
    })

    it('the CometChat budget admits `limit` calls per window across instances and refuses past the deadline', async () => {
      const budgets = each((client) =>
        createRedisCallBudget({ client, limit: 10, windowSeconds: 60 }),
      )
      const deadline = Date.now() + 1000
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => budgets[i % 3]?.acquire({ deadline })),
      )
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10)
      const refusal = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
      expect(refusal.reason).toMatchObject({ code: 'ERR_TOO_MANY_REQUESTS', status: 429 })
      expect(refusal.reason.retryAfterMs).toBeGreaterThan(0)
    })

    it('a call that may wait is admitted in the next window', async () => {
      const [budget] = each((client) =>
        createRedisCallBudget({ client, limit: 2, windowSeconds: 1 }),
      )
      const started = Date.now()
      const window = Math.floor(started / 1000)
      await budget?.acquire({})
      await budget?.acquire({})
      await budget?.acquire({ deadline: Date.now() + 5000 })
      expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(window)
    })

    it('a cancelled wait ends as ABORTED', async () => {
      const [budget] = each((client) =>
        createRedisCallBudget({ client, limit: 1, windowSeconds: 60 }),
      )
      await budget?.acquire({})
      const controller = new AbortController()
      const waiting = budget?.acquire({ signal: controller.signal })
      controller.abort()
      await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' })
    })
  })
})

describe.skipIf(redisUnavailable !== undefined)('limits while Redis is down', () => {
  it('the budget and the per-uid limit fall back to each instance’s own count at once, never hanging', async () => {
    const redis = await startRedis()
    const client = (await createClient({
      url: redis.url,
      socket: { reconnectStrategy: 50 },
    }).connect()) as Client
    client.on('error', () => {})
    try {
      const budget = createRedisCallBudget({ client, limit: 6, windowSeconds: 60, instances: 3 })
      const perUid = createRedisRateLimiter({ client, limit: 2, windowSeconds: 60 })
      await budget.acquire({})
      await redis.stop()
      for (let i = 0; i < 50 && client.isReady; i++)
        await new Promise((resolve) => setTimeout(resolve, 10))
      expect(client.isReady).toBe(false)
      // 6 / 3 instances = 2 calls per window on this instance alone, then a refusal.
      await budget.acquire({ deadline: Date.now() + 1000 })
      await budget.acquire({ deadline: Date.now() + 1000 })
      await expect(budget.acquire({ deadline: Date.now() + 1000 })).rejects.toMatchObject({
        status: 429,
      })
      expect((await perUid.consume('ann')).allowed).toBe(true)
      expect((await perUid.consume('ann')).allowed).toBe(true)
      expect((await perUid.consume('ann')).allowed).toBe(false)
    } finally {
      client.destroy()
      await redis.stop()
    }
  })
})
