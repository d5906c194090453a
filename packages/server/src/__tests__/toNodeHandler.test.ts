import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { API_KEY, createFakeCometChat, createTestClient, server } from '../../test/fakeCometChat.js'
import { createTokenHandler } from '../tokenHandler.js'
import { toNodeHandler } from '../toNodeHandler.js'

let fake: ReturnType<typeof createFakeCometChat>
let app: Server
let url = ''
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'bypass' })
  const handler = createTokenHandler({
    cometchat: createTestClient(),
    ttlSeconds: 600,
    // Concurrency of first logins is under test here, not reuse or the per-uid limit.
    tokenReuse: false,
    rateLimit: false,
    // A cookie session stands in for the app's auth.
    authenticate: (request) =>
      request.headers.get('cookie') === 'session=bob' ? { uid: 'bob', name: 'Bob' } : null,
  })
  app = createServer(toNodeHandler(handler))
  await new Promise<void>((done) => app.listen(0, '127.0.0.1', done))
  url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/callsession/token`
})
beforeEach(() => {
  fake = createFakeCometChat()
  server.use(...fake.handlers)
})
afterEach(() => server.resetHandlers())
afterAll(async () => {
  server.close()
  await new Promise<void>((done) => app.close(() => done()))
})

describe('toNodeHandler (node:http / Express)', () => {
  it('serves the token handler over real HTTP', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { cookie: 'session=bob', 'content-type': 'application/json' },
      body: '{"reason":"login","uid":"eve"}',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ uid: 'bob' })
    expect(text).not.toContain(API_KEY)
  })

  it('answers 401 without a session and 405 for GET', async () => {
    const anonymous = await fetch(url, { method: 'POST', body: '{}' })
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } })
    expect((await fetch(url)).status).toBe(405)
  })

  it('ten concurrent first logins of a new user create one user and ten tokens', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(url, { method: 'POST', headers: { cookie: 'session=bob' } }),
      ),
    )
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(fake.users.size).toBe(1)
    expect(
      new Set((await Promise.all(answers.map((r) => r.json()))).map((b) => b.authToken)).size,
    ).toBe(10)
  })
})
