// @vitest-environment node
import { startEmulator } from '@callsession/emulator'
import {
  createCometChatClient,
  createMemoryDedupeStore,
  createTokenHandler,
  createUserSyncHandler,
  signWebhook,
} from '@callsession/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppUsers } from '../../../apps/demo/server/appUsers.js'
import { createApi } from '../../../apps/demo/server/createApi.js'

let emulator: Awaited<ReturnType<typeof startEmulator>>
let cometchat: ReturnType<typeof createCometChatClient>
beforeAll(async () => {
  emulator = await startEmulator()
  cometchat = createCometChatClient({
    appId: emulator.appId,
    region: emulator.region,
    apiKey: emulator.apiKey,
    baseUrl: emulator.restBaseUrl,
  })
})
afterAll(() => emulator.close())

const huge = 'x'.repeat(2 * 1024 * 1024)
const malformed = ['{', '{"uid":', 'null', '[]', '"just a string"', '\u0000\u0001', '<html></html>']

describe('hostile bodies to the server kit’s endpoints', () => {
  it('the token handler never reads the body: oversized or malformed, the uid stays the session’s', async () => {
    const handle = createTokenHandler({
      cometchat,
      ttlSeconds: 600,
      authenticate: () => ({ uid: 'cometchat-uid-1', name: 'One' }),
    })
    for (const body of [huge, ...malformed, JSON.stringify({ uid: 'cometchat-uid-2' })]) {
      const response = await handle(
        new Request('http://app/token?uid=cometchat-uid-3', { method: 'POST', body }),
      )
      expect(response.status).toBe(200)
      expect(((await response.json()) as { uid: string }).uid).toBe('cometchat-uid-1')
    }
  })

  it('the webhook handler refuses oversized (413), forged (401) and malformed signed bodies (400)', async () => {
    const secret = 'whsec_test_secret_value_0123456789'
    const sync = createUserSyncHandler({ cometchat, secret, dedupe: createMemoryDedupeStore() })
    const signed = (body: string) => {
      const headers = signWebhook(secret, body)
      return new Request('http://app/webhook', { method: 'POST', body, headers })
    }
    expect((await sync(signed(huge))).status).toBe(413)
    const forged = new Request('http://app/webhook', {
      method: 'POST',
      body: '{"id":"e1","type":"user.deleted","user":{"uid":"cometchat-uid-1"}}',
      headers: {
        'x-callsession-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-callsession-signature': 'v1=00',
      },
    })
    expect((await sync(forged)).status).toBe(401)
    for (const body of malformed) expect((await sync(signed(body))).status).toBe(400)
    // Still active: CometChat answers ERR_UID_NOT_FOUND for a deactivated user.
    expect(await cometchat.users.get('cometchat-uid-1')).toMatchObject({ uid: 'cometchat-uid-1' })
  })
})

describe('hostile bodies to every demo backend endpoint', () => {
  const api = createApi({
    cometchat: createCometChatClient({
      appId: 'x',
      region: 'us',
      apiKey: 'x',
      baseUrl: 'http://127.0.0.1:1/v3',
      retries: 0,
    }),
    users: createAppUsers([{ id: 'alice', name: 'Alice' }]),
    config: { appId: 'x', region: 'us', callsHost: undefined, emulator: true, tokenTtlSeconds: 60 },
  })
  const routes: [string, string][] = [
    ['POST', '/session'],
    ['PUT', '/profile'],
    ['DELETE', '/account'],
    ['POST', '/admin/import'],
    ['POST', '/cometchat/token'],
  ]

  it.each(routes)('%s %s answers 413 to an oversized body', async (method, path) => {
    const response = await api.request(path, {
      method,
      body: huge,
      headers: { 'content-type': 'application/json', 'content-length': String(huge.length) },
    })
    expect(response.status).toBe(413)
  })

  it.each(routes)(
    '%s %s answers malformed bodies with a 4xx and a typed error, never a 5xx',
    async (method, path) => {
      for (const body of malformed) {
        const response = await api.request(path, {
          method,
          body,
          headers: { 'content-type': 'application/json' },
        })
        expect(response.status).toBeGreaterThanOrEqual(400)
        expect(response.status).toBeLessThan(500)
        expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(
          /^[A-Z_]+$/,
        )
      }
    },
  )

  it.each(['', 'a'.repeat(101), 'ålice', '../admin', 'al%2Fice', 'a b'])(
    'refuses the app sign-in uid %j',
    async (id) => {
      const response = await api.request('/session', {
        method: 'POST',
        body: JSON.stringify({ id }),
        headers: { 'content-type': 'application/json' },
      })
      expect(response.status).toBe(400)
    },
  )
})
