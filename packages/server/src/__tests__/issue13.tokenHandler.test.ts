import { inspect } from 'node:util'
import { delay, HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import {
  API_KEY,
  BASE,
  createTestClient,
  installFakeCometChat,
  server,
} from '../../test/fakeCometChat.js'
import { createCometChatClient } from '../client/createCometChatClient.js'
import { ensureUser } from '../ensureUser.js'
import { CometChatApiError } from '../errors.js'
import { createMemoryTokenReuseStore, type TokenReuseStore } from '../stores/tokenReuseStore.js'
import { createTokenHandler, type TokenHandlerOptions } from '../tokenHandler.js'
import type { Profile } from '../types.js'

// Issue 13, items 2–6 and 8, and issue 12 item 5 (Date), against msw faults.
const fake = installFakeCometChat()
const alice: Profile = { uid: 'alice', name: 'Alice' }

const post = (headers: Record<string, string> = {}, body: unknown = { reason: 'login' }) =>
  new Request('https://app.example/api/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

function handlerFor(extra: Partial<TokenHandlerOptions> = {}, profile: Profile = alice) {
  return createTokenHandler({
    cometchat: createTestClient({ retries: 1 }),
    authenticate: () => profile,
    ttlSeconds: 3600,
    ...extra,
  })
}
const calls = (method: string, fragment: string) =>
  fake.log.filter((r) => r.method === method && r.path.includes(fragment)).length

describe('item 2: tokens never leak into errors', () => {
  it('a failed DELETE …/auth_tokens/{token} names the path /auth_tokens/:authToken in message, JSON and inspect', async () => {
    server.use(
      http.delete(`${BASE}/users/:uid/auth_tokens/:token`, () =>
        HttpResponse.json({ error: { code: 'ERR_X', message: 'nope' } }, { status: 400 }),
      ),
    )
    const secretToken = 'alice_1700000000deadbeefdeadbeefdeadbeefdeadbeef'
    const error = await createTestClient()
      .authTokens.delete('alice', secretToken)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CometChatApiError)
    for (const text of [
      (error as Error).message,
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      String((error as Error).stack),
    ]) {
      expect(text).not.toContain(secretToken)
    }
    expect((error as Error).message).toContain('/auth_tokens/:authToken')
  })

  it('the prune reports its failures to onError without the token', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'alice', name: 'Alice' })
    fake.tokens.set('alice', [{ uid: 'alice', authToken: 'alice_old_LIVE', createdAt: 1 }])
    server.use(
      http.delete(
        `${BASE}/users/:uid/auth_tokens/:token`,
        () => new HttpResponse(null, { status: 500 }),
      ),
    )
    const reported = await new Promise<unknown>((resolve) => {
      void handlerFor({ onError: resolve, tokenReuse: false })(post())
    })
    expect(JSON.stringify(reported)).not.toContain('alice_old_LIVE')
    expect((reported as Error).message).not.toContain('alice_old_LIVE')
  })
})

describe('item 3: prune collects first, then deletes', () => {
  it('with 250 expired tokens, 0 expired remain after one prune', async () => {
    await createTestClient().users.create({ uid: 'alice', name: 'Alice' })
    fake.tokens.set(
      'alice',
      Array.from({ length: 250 }, (_, i) => ({
        uid: 'alice',
        authToken: `alice_expired_${i}`,
        createdAt: 1000 + i,
      })),
    )
    // The mint itself is answered apart, so the 250 stay in place for the prune to find.
    server.use(
      http.post(`${BASE}/users/:uid/auth_tokens`, () =>
        HttpResponse.json({
          data: {
            uid: 'alice',
            authToken: 'alice_fresh',
            createdAt: Math.floor(Date.now() / 1000),
          },
        }),
      ),
    )
    const revoked = await new Promise<number>((resolve) => {
      void handlerFor({ onPruned: (_, n) => resolve(n), tokenReuse: false })(post())
    })
    expect(revoked).toBe(250)
    const left = fake.tokens.get('alice') ?? []
    expect(left.filter((t) => t.createdAt < 100_000)).toHaveLength(0)
    expect(left).toHaveLength(0)
  })
})

describe('item 4: token endpoint abuse', () => {
  it('refuses cross-site requests (Origin not allowed, or Sec-Fetch-Site: cross-site) with 403 before authenticating', async () => {
    let authenticated = 0
    const handler = handlerFor({
      allowedOrigins: ['https://app.example'],
      authenticate: () => {
        authenticated++
        return alice
      },
    })
    const evil = await handler(post({ origin: 'https://evil.example' }))
    expect(evil.status).toBe(403)
    expect(await evil.json()).toMatchObject({ error: { code: 'CROSS_SITE_REQUEST' } })
    expect((await handler(post({ 'sec-fetch-site': 'cross-site' }))).status).toBe(403)
    expect(authenticated).toBe(0)
    expect(fake.log).toHaveLength(0)
    expect(
      (await handler(post({ origin: 'https://app.example', 'sec-fetch-site': 'same-origin' })))
        .status,
    ).toBe(200)
    // Without the option, a browser's cross-site request is still refused.
    expect((await handlerFor()(post({ 'sec-fetch-site': 'cross-site' }))).status).toBe(403)
  })

  it('limits mints per uid: past the limit 429 RATE_LIMITED with Retry-After, and CometChat is not called', async () => {
    const { createMemoryRateLimiter } = await import('../stores/rateLimiter.js')
    const handler = handlerFor({
      tokenReuse: false,
      rateLimit: createMemoryRateLimiter({ limit: 3, windowSeconds: 60 }),
    })
    for (let i = 0; i < 3; i++) expect((await handler(post())).status).toBe(200)
    const mintsBefore = calls('POST', '/auth_tokens')
    const limited = await handler(post())
    expect(limited.status).toBe(429)
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } })
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(calls('POST', '/auth_tokens')).toBe(mintsBefore)
    // Another uid has its own budget.
    expect(
      (await handlerFor({ tokenReuse: false }, { uid: 'bob', name: 'Bob' })(post())).status,
    ).toBe(200)
  })

  it('the default limit stops a burst well before CometChat’s 100-token cap', async () => {
    const handler = handlerFor({ tokenReuse: false })
    const statuses: number[] = []
    for (let i = 0; i < 30; i++) statuses.push((await handler(post())).status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20)
    expect((fake.tokens.get('alice') ?? []).length).toBeLessThanOrEqual(10)
  })

  it('reuses a young token on reload (0 CometChat calls), mints on refresh or rejection, and stores neither token nor uid in clear', async () => {
    const entries = new Map<string, string>()
    const memory = createMemoryTokenReuseStore()
    const store: TokenReuseStore = {
      get: (k) => memory.get(k),
      set: (k, v, ttl) => {
        entries.set(k, v)
        return memory.set(k, v, ttl)
      },
      delete: (k) => memory.delete(k),
    }
    const handler = handlerFor({ tokenReuse: { store } })
    const first = await (await handler(post())).json()
    const mints = calls('POST', '/auth_tokens')
    const reload = await (await handler(post())).json()
    expect(reload.authToken).toBe(first.authToken)
    expect(reload.expiresAt).toBe(first.expiresAt)
    expect(calls('POST', '/auth_tokens')).toBe(mints)
    const rejected = await (await handler(post({}, { reason: 'rejected' }))).json()
    expect(rejected.authToken).not.toBe(first.authToken)
    const refreshed = await (await handler(post({}, { reason: 'refresh' }))).json()
    expect(refreshed.authToken).not.toBe(rejected.authToken)
    const dump = JSON.stringify([...entries])
    for (const token of [first.authToken, rejected.authToken, refreshed.authToken])
      expect(dump).not.toContain(token)
    expect(dump).not.toContain('alice')
  })

  it('a token older than maxAgeSeconds is not reused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const handler = handlerFor({ tokenReuse: { maxAgeSeconds: 60 } })
      const first = await (await handler(post())).json()
      vi.setSystemTime(Date.now() + 59_000)
      expect((await (await handler(post())).json()).authToken).toBe(first.authToken)
      vi.setSystemTime(Date.now() + 2_000)
      expect((await (await handler(post())).json()).authToken).not.toBe(first.authToken)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('item 5: hung or rate-limited CometChat', () => {
  it('one overall deadline per request: a hung CometChat answers 503 when deadlineMs runs out', async () => {
    let attempts = 0
    server.use(
      http.post(`${BASE}/users/:uid/auth_tokens`, async () => {
        attempts++
        await delay('infinite')
      }),
    )
    const errors: unknown[] = []
    const response = await createTokenHandler({
      // Per attempt 10 s and 3 retries: only the 300 ms request deadline can end this within the test timeout.
      cometchat: createTestClient({ retries: 3, timeoutMs: 10_000 }),
      authenticate: () => alice,
      ttlSeconds: 3600,
      deadlineMs: 300,
      tokenReuse: false,
      onError: (e) => errors.push(e),
    })(post())
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: { code: 'COMETCHAT_UNAVAILABLE' } })
    // One attempt at most (none when a loaded machine spends the budget before it starts): no retry.
    expect(attempts).toBeLessThanOrEqual(1)
    expect(errors).toMatchObject([{ code: 'TIMEOUT' }])
  })

  it('the deadline is tied to request.signal: a client that goes away stops the CometChat calls', async () => {
    let started = () => {}
    const inFlight = new Promise<void>((resolve) => {
      started = resolve
    })
    let attempts = 0
    server.use(
      http.post(`${BASE}/users/:uid/auth_tokens`, async () => {
        attempts++
        started()
        await delay('infinite')
      }),
    )
    const controller = new AbortController()
    const request = new Request('https://app.example/api/token', {
      method: 'POST',
      signal: controller.signal,
    })
    const answer = handlerFor({ tokenReuse: false, deadlineMs: 60_000 })(request)
    await inFlight
    controller.abort()
    expect((await answer).status).toBe(503)
    expect(attempts).toBe(1)
  })

  it('no retry when Retry-After is beyond the budget, and the Retry-After is passed on in our 503', async () => {
    let attempts = 0
    server.use(
      http.post(`${BASE}/users/:uid/auth_tokens`, () => {
        attempts++
        return HttpResponse.json(
          { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'slow down' } },
          { status: 429, headers: { 'retry-after': '30' } },
        )
      }),
    )
    const handler = createTokenHandler({
      cometchat: createTestClient({ retries: 3 }),
      authenticate: () => alice,
      ttlSeconds: 3600,
      tokenReuse: false,
    })
    const response = await handler(post())
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('30')
    expect(attempts).toBe(1)
  })

  it('a Retry-After within the budget is waited for and retried', async () => {
    let n = 0
    server.use(
      http.post(`${BASE}/users/:uid/auth_tokens`, () =>
        n++ === 0
          ? HttpResponse.json(
              { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'x' } },
              { status: 429, headers: { 'retry-after': '0' } },
            )
          : undefined,
      ),
    )
    await createTestClient().users.create({ uid: 'alice', name: 'Alice' })
    expect((await handlerFor({ tokenReuse: false })(post())).status).toBe(200)
  })

  it('a circuit breaker answers at once while CometChat is down, then lets a trial through', async () => {
    let down = true
    let attempts = 0
    server.use(
      http.post(`${BASE}/users/:uid/auth_tokens`, () => {
        attempts++
        return down ? new HttpResponse(null, { status: 503 }) : undefined
      }),
    )
    await createTestClient().users.create({ uid: 'alice', name: 'Alice' })
    const cometchat = createCometChatClient({
      appId: 'testapp',
      region: 'us',
      apiKey: API_KEY,
      retries: 0,
      circuitBreaker: { failures: 3, openMs: 60_000 },
    })
    const handler = createTokenHandler({
      cometchat,
      authenticate: () => alice,
      ttlSeconds: 3600,
      tokenReuse: false,
      rateLimit: false,
    })
    for (let i = 0; i < 3; i++) expect((await handler(post())).status).toBe(503)
    expect(attempts).toBe(3)
    const open = await handler(post())
    expect(open.status).toBe(503)
    expect(await open.json()).toMatchObject({ error: { code: 'COMETCHAT_UNAVAILABLE' } })
    expect(Number(open.headers.get('retry-after'))).toBeGreaterThan(0)
    // Answered without calling CometChat at all.
    expect(attempts).toBe(3)
    down = false
    await expect(cometchat.authTokens.create('alice')).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
    })
  })

  it('the circuit closes again after openMs with a successful trial', async () => {
    let down = true
    server.use(
      http.get(`${BASE}/users/:uid`, () =>
        down ? new HttpResponse(null, { status: 500 }) : undefined,
      ),
    )
    await createTestClient().users.create({ uid: 'alice', name: 'Alice' })
    const cometchat = createCometChatClient({
      appId: 'testapp',
      region: 'us',
      apiKey: API_KEY,
      retries: 0,
      circuitBreaker: { failures: 1, openMs: 1 },
    })
    await expect(cometchat.users.get('alice')).rejects.toMatchObject({ code: 'HTTP_500' })
    down = false
    // openMs is 1 ms: wait for the clock to move by at least that, without a timer.
    const opened = Date.now()
    while (Date.now() - opened < 2) await Promise.resolve()
    await expect(cometchat.users.get('alice')).resolves.toMatchObject({ uid: 'alice' })
  })
})

describe('item 6: uid case', () => {
  it('refuses a uid that is not lowercase with an error naming the fix, before any CometChat call', async () => {
    const errors: unknown[] = []
    const response = await handlerFor(
      { onError: (e) => errors.push(e) },
      { uid: 'Ann', name: 'Ann' },
    )(post())
    expect(response.status).toBe(500)
    const body = await response.json()
    expect(body).toMatchObject({ error: { code: 'INVALID_PROFILE' } })
    expect(body.error.message).toMatch(/lowercase/)
    expect(body.error.message).toMatch(/map your ids/i)
    expect(errors[0]).toMatchObject({ code: 'INVALID_UID' })
    await expect(ensureUser(createTestClient(), { uid: 'Ann', name: 'A' })).rejects.toMatchObject({
      code: 'INVALID_UID',
    })
    await expect(createTestClient().authTokens.create('ANN')).rejects.toMatchObject({
      code: 'INVALID_UID',
    })
    expect(fake.log).toHaveLength(0)
  })
})

describe('item 8: API key hygiene', () => {
  it.each([
    ['a CR/LF', `${API_KEY}\r\n`],
    ['a trailing LF', `${API_KEY}\n`],
    ['a NUL', `${API_KEY}\u0000`],
    ['a space', `${API_KEY} x`],
    ['nothing', ''],
  ])('refuses a key with %s when the client is created, without quoting it', (_, apiKey) => {
    let thrown: unknown
    try {
      createCometChatClient({ appId: 'a', region: 'us', apiKey })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({ code: 'INVALID_API_KEY' })
    if (apiKey) {
      expect(JSON.stringify(thrown)).not.toContain(API_KEY)
      expect(inspect(thrown, { showHidden: true })).not.toContain(API_KEY)
    }
  })
})

describe('issue 12 item 5: Date for the client clock', () => {
  it('sends a Date header and exposes it to cross-origin callers', async () => {
    for (const response of [
      await handlerFor()(post()),
      await handlerFor({}, null as unknown as Profile)(post()),
    ]) {
      expect(Date.parse(response.headers.get('date') ?? '')).not.toBeNaN()
      expect(response.headers.get('access-control-expose-headers')).toContain('Date')
    }
  })
})
