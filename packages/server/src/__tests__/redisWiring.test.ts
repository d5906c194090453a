import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { createClient } from 'redis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { redisUnavailable, startRedis, type TestRedis } from '../../test/redisServer.js'
import { createCometChatClient } from '../client/createCometChatClient.js'
import type { CallLimiter } from '../client/http.js'
import { CometChatApiError } from '../errors.js'
import { createRedisPruneThrottle } from '../redis/redisPruneThrottle.js'
import { createRedisTokenReuseStore } from '../redis/redisTokenReuseStore.js'
import { createTokenHandler } from '../tokenHandler.js'

if (redisUnavailable) console.warn(`[redis wiring] ${redisUnavailable}`)

let emulator: RunningEmulator
beforeAll(async () => {
  emulator = await startEmulator({ seedSampleUsers: false })
})
afterAll(() => emulator?.close())
beforeEach(async () => {
  await emulator.control('POST', 'reset')
})

const clientWith = (limiter?: CallLimiter) =>
  createCometChatClient({
    appId: emulator.appId,
    region: emulator.region,
    apiKey: emulator.apiKey,
    baseUrl: emulator.restBaseUrl,
    retryDelayMs: 1,
    ...(limiter ? { limiter } : {}),
  })
const restCalls = async () =>
  (
    (await (await emulator.control('GET', 'log')).json()) as { data: { path: string }[] }
  ).data.filter((entry) => entry.path.startsWith('/v3/')).length
const tokenRequest = () => new Request('https://app.example/token', { method: 'POST' })

describe('the REST client’s limiter option', () => {
  it('is waited for before every attempt, retries included', async () => {
    let admitted = 0
    const client = clientWith({
      async acquire() {
        admitted++
      },
    })
    await emulator.control('POST', 'faults', { route: 'GET /v3/users', status: 503, times: 1 })
    await client.users.list()
    expect(admitted).toBe(2)
    expect(await restCalls()).toBe(2)
  })

  it('a budget used up past the deadline sends nothing and the token endpoint answers 503 with Retry-After', async () => {
    const client = clientWith({
      async acquire() {
        throw new CometChatApiError('ERR_TOO_MANY_REQUESTS', 'budget used up', {
          status: 429,
          retryAfterMs: 30_000,
        })
      },
    })
    const handler = createTokenHandler({
      cometchat: client,
      authenticate: () => ({ uid: 'ann', name: 'Ann' }),
      ttlSeconds: 3600,
    })
    const answer = await handler(tokenRequest())
    expect(answer.status).toBe(503)
    expect(answer.headers.get('retry-after')).toBe('30')
    expect(await answer.json()).toMatchObject({ error: { code: 'COMETCHAT_UNAVAILABLE' } })
    expect(await restCalls()).toBe(0)
  })
})

describe.skipIf(redisUnavailable !== undefined)('token handlers sharing Redis', () => {
  let redis: TestRedis
  let clients: ReturnType<typeof createClient>[]
  beforeAll(async () => {
    redis = await startRedis()
    clients = await Promise.all(
      [0, 1].map(
        () =>
          createClient({ url: redis.url }).connect() as Promise<ReturnType<typeof createClient>>,
      ),
    )
  })
  afterAll(async () => {
    await Promise.all(clients?.map((c) => c.close().catch(() => {})) ?? [])
    await redis?.stop()
  })

  it('a young token minted by one instance is handed out by another with 0 CometChat calls; Redis holds no token', async () => {
    const secret = 'shared-by-every-instance-0123456789abcdef'
    let pruned!: () => void
    const prunedOnce = new Promise<void>((resolve) => {
      pruned = resolve
    })
    const instance = (client: ReturnType<typeof createClient>) =>
      createTokenHandler({
        onPruned: () => pruned(),
        cometchat: clientWith(),
        authenticate: () => ({ uid: 'ann', name: 'Ann' }),
        ttlSeconds: 3600,
        pruneThrottle: createRedisPruneThrottle({ client }),
        tokenReuse: { store: createRedisTokenReuseStore({ client, secret }), secret },
      })
    const [a, b] = clients.map(instance)
    const first = (await (await (a as ReturnType<typeof instance>)(tokenRequest())).json()) as {
      authToken: string
    }
    await prunedOnce
    const callsAfterFirst = await restCalls()
    const second = (await (await (b as ReturnType<typeof instance>)(tokenRequest())).json()) as {
      authToken: string
    }
    expect(second.authToken).toBe(first.authToken)
    expect(await restCalls()).toBe(callsAfterFirst)
    const client = clients[0] as ReturnType<typeof createClient>
    const reuseKeys = await client.keys('callsession:reuse:*')
    expect(reuseKeys).toHaveLength(1)
    expect(reuseKeys[0]).not.toContain('ann')
    for (const key of await client.keys('*')) {
      const type = await client.type(key)
      if (type === 'string') expect(await client.get(key)).not.toContain(first.authToken)
    }
  })
})
