import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import {
  API_KEY,
  BASE,
  createTestClient,
  installFakeCometChat,
  server,
} from '../../test/fakeCometChat.js'
import { createTokenHandler, type TokenHandlerOptions } from '../tokenHandler.js'
import type { Profile } from '../types.js'

const fake = installFakeCometChat()

function deferred() {
  let resolve = () => {}
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

const alice: Profile = { uid: 'alice', name: 'Alice', avatar: 'https://example.com/a.png' }
const post = (
  body: unknown = { reason: 'login' },
  url = 'https://app.example/api/callsession/token',
) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

function handlerFor(profile: Profile | null, extra: Partial<TokenHandlerOptions> = {}) {
  return createTokenHandler({
    cometchat: createTestClient({ retries: 1 }),
    authenticate: () => profile,
    ttlSeconds: 3600,
    ...extra,
  })
}

describe('createTokenHandler', () => {
  it('mints a token for the signed-in user, provisioning them just in time', async () => {
    const response = await handlerFor(alice)(post())
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.json()
    expect(body).toMatchObject({
      uid: 'alice',
      expiresIn: 3600,
      user: { uid: 'alice', name: 'Alice', avatar: alice.avatar },
    })
    expect(body.authToken).toMatch(/^alice_/)
    expect(body.expiresAt).toBe(Math.floor(Date.now() / 1000) + 3600)
    expect(fake.users.has('alice')).toBe(true)
  })

  it('costs 1 CometChat call for an existing user and 2 for a new one (before the background prune), minting with force', async () => {
    let pruned = deferred()
    const handler = handlerFor(alice, { onPruned: () => pruned.resolve(), tokenReuse: false })
    await handler(post())
    await pruned.promise
    expect(fake.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /users/alice/auth_tokens',
      'POST /users',
      'GET /users/alice/auth_tokens?perPage=100&page=1',
    ])
    expect(fake.log[0]?.body).toEqual({ force: true })
    fake.log.length = 0
    pruned = deferred()
    for (let i = 0; i < 5; i++) await handler(post())
    // Five tokens, five calls: the prune already ran for alice within pruneIntervalSeconds.
    expect(fake.log.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array(5).fill('POST /users/alice/auth_tokens'),
    )
    expect(fake.log.every((r) => (r.body as { force?: boolean }).force === true)).toBe(true)
  })

  it('ignores a uid named in the body or the query', async () => {
    await createTestClient().users.create({ uid: 'mallory', name: 'M' })
    const response = await handlerFor(alice)(
      post({ uid: 'mallory', reason: 'login' }, 'https://app.example/token?uid=mallory'),
    )
    const body = await response.json()
    expect(body.uid).toBe('alice')
    expect(
      fake.log.some(
        (r) => r.path.includes('mallory') && r.method === 'POST' && r.path.includes('auth_tokens'),
      ),
    ).toBe(false)
    expect(fake.tokens.get('mallory')).toBeUndefined()
  })

  it('answers 401 when nobody is signed in, and 405 for other methods', async () => {
    const unauthorized = await handlerFor(null)(post())
    expect(unauthorized.status).toBe(401)
    expect(await unauthorized.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } })
    const thrown = await createTokenHandler({
      cometchat: createTestClient(),
      authenticate: () => Promise.reject(new Error('x')),
      ttlSeconds: 60,
    })(post())
    expect(thrown.status).toBe(401)
    const get = await handlerFor(alice)(new Request('https://app.example/token'))
    expect(get.status).toBe(405)
    expect(fake.log).toHaveLength(0)
  })

  it('does not read a malformed or oversized body', async () => {
    const malformed = new Request('https://app.example/token', {
      method: 'POST',
      body: '{"reason":',
    })
    expect((await handlerFor(alice)(malformed)).status).toBe(200)
    const huge = new Request('https://app.example/token', {
      method: 'POST',
      body: 'x'.repeat(5_000_000),
    })
    expect((await handlerFor(alice)(huge)).status).toBe(200)
  })

  it('prunes tokens older than ttl + grace after answering, keeping younger ones', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'alice', name: 'Alice' })
    const now = Math.floor(Date.now() / 1000)
    fake.tokens.set('alice', [
      { uid: 'alice', authToken: 'alice_leaked', createdAt: now - 3600 - 301 },
      { uid: 'alice', authToken: 'alice_other_tab', createdAt: now - 3600 },
    ])
    const pruned = new Promise<number>((resolve) => {
      const handler = handlerFor(alice, {
        graceSeconds: 300,
        onPruned: (_, revoked) => resolve(revoked),
      })
      void handler(post())
    })
    expect(await pruned).toBe(1)
    const left = (fake.tokens.get('alice') ?? []).map((t) => t.authToken)
    expect(left).not.toContain('alice_leaked')
    expect(left).toContain('alice_other_tab')
    expect(left).toHaveLength(2)
  })

  it('answers 403 USER_DEACTIVATED for a deactivated user (ERR_UID_NOT_FOUND, then ERR_UID_ALREADY_EXISTS), or reactivates with restoreDeactivated', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'alice', name: 'Alice' })
    await client.users.delete('alice')
    fake.log.length = 0
    const response = await handlerFor(alice)(post())
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'USER_DEACTIVATED' } })
    expect(fake.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /users/alice/auth_tokens',
      'POST /users',
      'POST /users/alice/auth_tokens',
    ])
    expect(fake.users.get('alice')?.deactivatedAt).toBeDefined()
    const restored = await handlerFor(alice, { restoreDeactivated: true })(post())
    expect(restored.status).toBe(200)
    expect(fake.users.get('alice')?.deactivatedAt).toBeUndefined()
    expect(fake.log.at(-2)).toMatchObject({
      method: 'PUT',
      path: '/users',
      body: { uidsToActivate: ['alice'] },
    })
  })

  it('maps CometChat outages to 503 and other failures to 502 with no key or internal detail', async () => {
    server.use(
      http.post(
        `${BASE}/users/:uid/auth_tokens`,
        () => new HttpResponse('upstream <b>boom</b>', { status: 500 }),
      ),
    )
    const outage = await handlerFor(alice)(post())
    expect(outage.status).toBe(503)
    const outageText = await outage.text()
    expect(JSON.parse(outageText)).toMatchObject({ error: { code: 'COMETCHAT_UNAVAILABLE' } })
    server.use(
      http.post(`${BASE}/users/:uid/auth_tokens`, () =>
        HttpResponse.json(
          { error: { code: 'AUTH_ERR_NO_ACCESS', message: `key ${API_KEY} lacks scope` } },
          { status: 403 },
        ),
      ),
    )
    const denied = await handlerFor(alice)(post())
    expect(denied.status).toBe(502)
    const deniedText = await denied.text()
    for (const text of [outageText, deniedText]) {
      expect(text).not.toContain(API_KEY)
      expect(text).not.toContain('boom')
      expect(text).not.toContain('AUTH_ERR')
    }
  })
})
