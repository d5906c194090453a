import { inspect } from 'node:util'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  API_KEY,
  BASE,
  createTestClient,
  installFakeCometChat,
  server,
} from '../../test/fakeCometChat.js'
import { createCometChatClient } from '../client/createCometChatClient.js'
import { CometChatApiError } from '../errors.js'

const fake = installFakeCometChat()
afterEach(() => {
  vi.useRealTimers()
})

const expectNoKey = (value: unknown) => {
  expect(JSON.stringify(value)).not.toContain(API_KEY)
  expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(API_KEY)
  if (value instanceof Error) expect(String(value.stack)).not.toContain(API_KEY)
}

async function caught(promise: Promise<unknown>): Promise<CometChatApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(CometChatApiError)
    return error as CometChatApiError
  }
  throw new Error('expected a rejection')
}

describe('users and auth tokens', () => {
  it('uses the regional base URL and sends the apikey header', async () => {
    const client = createTestClient()
    const user = await client.users.create({ uid: 'ann', name: 'Ann' })
    expect(user.uid).toBe('ann')
    expect(await client.users.get('ann')).toMatchObject({ uid: 'ann', name: 'Ann' })
    expect(fake.log[0]).toMatchObject({ method: 'POST', path: '/users' })
  })

  it('lists pages and iterates over all of them', async () => {
    const client = createTestClient()
    for (let i = 0; i < 5; i++) await client.users.create({ uid: `u${i}`, name: `U ${i}` })
    const page = await client.users.list({ perPage: 2, page: 2 })
    expect(page).toMatchObject({ total: 5, perPage: 2, page: 2, totalPages: 3 })
    expect(page.items.map((u) => u.uid)).toEqual(['u2', 'u3'])
    const all: string[] = []
    for await (const user of client.users.all({ perPage: 2 })) all.push(user.uid)
    expect(all).toEqual(['u0', 'u1', 'u2', 'u3', 'u4'])
  })

  it('createMany answers per user', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'taken', name: 'T' })
    const results = await client.users.createMany([
      { uid: 'fresh', name: 'F' },
      { uid: 'taken', name: 'T' },
    ])
    expect(results.map((r) => [r.uid, r.ok])).toEqual([
      ['fresh', true],
      ['taken', false],
    ])
  })

  it('soft-deletes (then the user is not found, but its uid is taken), restores and permanently deletes', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'bob', name: 'Bob' })
    await client.users.delete('bob')
    expect((await caught(client.users.get('bob'))).code).toBe('ERR_UID_NOT_FOUND')
    expect((await caught(client.authTokens.create('bob'))).code).toBe('ERR_UID_NOT_FOUND')
    expect((await caught(client.users.create({ uid: 'bob', name: 'B' }))).code).toBe(
      'ERR_UID_ALREADY_EXISTS',
    )
    expect(await client.users.restore('bob')).toBe(true)
    expect(await client.users.restore('bob')).toBe(false)
    expect(await client.users.get('bob')).toMatchObject({ uid: 'bob' })
    await client.users.delete('bob', { permanent: true })
    expect(fake.log.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/users/bob?permanent=true',
      body: { permanent: true },
    })
    expect((await caught(client.users.get('bob'))).code).toBe('ERR_UID_NOT_FOUND')
  })

  it('creates, lists and deletes auth tokens', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'cat', name: 'Cat' })
    const a = await client.authTokens.create('cat')
    await client.authTokens.create('cat', { force: true })
    expect((await client.authTokens.list('cat')).items).toHaveLength(2)
    await client.authTokens.delete('cat', a.authToken)
    expect((await client.authTokens.list('cat')).items).toHaveLength(1)
    await client.authTokens.deleteAll('cat')
    expect((await client.authTokens.list('cat')).items).toHaveLength(0)
  })

  it('carries the CometChat code, status and request id on errors', async () => {
    const error = await caught(createTestClient().users.get('nobody'))
    expect(error).toMatchObject({ code: 'ERR_UID_NOT_FOUND', status: 404 })
    expect(error.requestId).toMatch(/^req-/)
  })
})

describe('validation happens before any request', () => {
  it.each(['', '../admin', 'a%2Fb', 'añb', 'a b', 'x'.repeat(101), 'a/b'])(
    'rejects uid %j',
    async (uid) => {
      const client = createTestClient()
      expect((await caught(client.users.get(uid))).code).toBe('INVALID_UID')
      expect((await caught(client.authTokens.create(uid))).code).toBe('INVALID_UID')
      expect(fake.log).toHaveLength(0)
    },
  )

  it('accepts a 100-character uid and rejects bad names, avatars, metadata and tags', async () => {
    const client = createTestClient()
    await expect(client.users.create({ uid: 'x'.repeat(100), name: 'Long' })).resolves.toBeDefined()
    expect((await caught(client.users.create({ uid: 'a', name: '' }))).code).toBe('INVALID_NAME')
    expect(
      (await caught(client.users.create({ uid: 'a', name: 'A', avatar: 'javascript:alert(1)' })))
        .code,
    ).toBe('INVALID_AVATAR')
    expect(
      (
        await caught(
          client.users.create({ uid: 'a', name: 'A', metadata: { big: 'x'.repeat(6000) } }),
        )
      ).code,
    ).toBe('INVALID_METADATA')
    expect(
      (await caught(client.users.create({ uid: 'a', name: 'A', tags: Array(26).fill('t') }))).code,
    ).toBe('INVALID_TAGS')
    expect(fake.log).toHaveLength(1)
  })
})

describe('faults', () => {
  it('retries 429 honouring Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    let calls = 0
    server.use(
      http.get(`${BASE}/users/:uid`, () => {
        calls += 1
        return calls === 1
          ? HttpResponse.json(
              { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'slow down' } },
              { status: 429, headers: { 'retry-after': '2' } },
            )
          : HttpResponse.json({ data: { uid: 'ann', name: 'Ann' } })
      }),
    )
    const client = createCometChatClient({
      appId: 'testapp',
      region: 'us',
      apiKey: API_KEY,
      maxDelayMs: 60_000,
    })
    const result = client.users.get('ann')
    await vi.advanceTimersByTimeAsync(1_990)
    expect(calls).toBe(1)
    await vi.advanceTimersByTimeAsync(20)
    await expect(result).resolves.toMatchObject({ uid: 'ann' })
    expect(calls).toBe(2)
  })

  it('retries a 5xx burst then succeeds, and gives up after the retry budget', async () => {
    let calls = 0
    server.use(
      http.get(`${BASE}/users/:uid`, () => {
        calls += 1
        return calls <= 3
          ? new HttpResponse('bad gateway', { status: 502 })
          : HttpResponse.json({ data: { uid: 'ann', name: 'Ann' } })
      }),
    )
    await expect(createTestClient({ retries: 3 }).users.get('ann')).resolves.toMatchObject({
      uid: 'ann',
    })
    calls = 0
    const error = await caught(createTestClient({ retries: 2 }).users.get('ann'))
    expect(error).toMatchObject({ code: 'HTTP_502', status: 502 })
    expect(calls).toBe(3)
  })

  it('does not retry a 4xx', async () => {
    await caught(createTestClient().users.get('nobody'))
    expect(fake.log).toHaveLength(1)
  })

  it('times out a hanging request', async () => {
    server.use(http.get(`${BASE}/users/:uid`, () => new Promise<Response>(() => {})))
    const error = await caught(createTestClient({ timeoutMs: 30, retries: 1 }).users.get('ann'))
    expect(error.code).toBe('TIMEOUT')
    expectNoKey(error)
  })

  it('reports a network error', async () => {
    server.use(http.get(`${BASE}/users/:uid`, () => HttpResponse.error()))
    const error = await caught(createTestClient({ retries: 1 }).users.get('ann'))
    expect(error.code).toBe('NETWORK_ERROR')
    expectNoKey(error)
  })

  it.each([
    [
      'HTML',
      () =>
        new HttpResponse('<html>oops</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    ],
    ['truncated JSON', () => new HttpResponse('{"data": {"uid": "an', { status: 200 })],
    ['empty', () => new HttpResponse('', { status: 200 })],
    ['JSON without envelope', () => HttpResponse.json([1, 2])],
  ])('rejects a malformed answer (%s) with INVALID_RESPONSE', async (_, answer) => {
    server.use(http.get(`${BASE}/users/:uid`, answer))
    const error = await caught(createTestClient().users.get('ann'))
    expect(error.code).toBe('INVALID_RESPONSE')
  })

  it('never puts the API key in an error, whatever went wrong', async () => {
    const errors = [
      await caught(createTestClient().users.get('nobody')),
      await caught(
        createCometChatClient({ appId: 'testapp', region: 'us', apiKey: 'wrong-key' }).users.get(
          'ann',
        ),
      ),
      await caught(createTestClient().users.get('../x')),
    ]
    server.use(http.get(`${BASE}/users/:uid`, () => HttpResponse.error()))
    errors.push(await caught(createTestClient({ retries: 0 }).users.get('ann')))
    for (const error of errors) expectNoKey(error)
    expectNoKey(createTestClient())
  })
})
