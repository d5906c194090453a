import { describe, expect, it } from 'vitest'
import { createTestClient, installFakeCometChat, server } from '../../test/fakeCometChat.js'
import {
  createUserSyncHandler,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from '../userSync.js'

const fake = installFakeCometChat()

const SECRET = 'whsec_test'
const deliver = (
  event: unknown,
  options: { secret?: string; timestamp?: number; headers?: Record<string, string> } = {},
) => {
  const body = JSON.stringify(event)
  const headers = {
    ...signWebhook(options.secret ?? SECRET, body, options.timestamp),
    ...options.headers,
  }
  return new Request('https://app.example/webhooks/users', { method: 'POST', headers, body })
}

describe('createUserSyncHandler', () => {
  it('mirrors created, updated and deleted events', async () => {
    const sync = createUserSyncHandler({ cometchat: createTestClient(), secret: SECRET })
    expect(
      (await sync(deliver({ id: 'e1', type: 'user.created', user: { uid: 'ann', name: 'Ann' } })))
        .status,
    ).toBe(200)
    expect(fake.users.get('ann')?.name).toBe('Ann')
    expect(
      (await sync(deliver({ id: 'e2', type: 'user.updated', user: { uid: 'ann', name: 'Annie' } })))
        .status,
    ).toBe(200)
    expect(fake.users.get('ann')?.name).toBe('Annie')
    expect(
      (await sync(deliver({ id: 'e3', type: 'user.updated', user: { uid: 'bea', name: 'Bea' } })))
        .status,
    ).toBe(200)
    expect(fake.users.get('bea')?.name).toBe('Bea')
    expect(
      (await sync(deliver({ id: 'e4', type: 'user.deleted', user: { uid: 'ann' } }))).status,
    ).toBe(200)
    expect(fake.users.get('ann')?.deactivatedAt).toBeTypeOf('number')
    expect(
      (
        await sync(
          deliver({ id: 'e5', type: 'user.deleted', user: { uid: 'bea' }, permanent: true }),
        )
      ).status,
    ).toBe(200)
    expect(fake.users.has('bea')).toBe(false)
  })

  it('applies a double delivery once', async () => {
    const sync = createUserSyncHandler({ cometchat: createTestClient(), secret: SECRET })
    const event = { id: 'once', type: 'user.updated', user: { uid: 'ann', name: 'First' } }
    await sync(deliver(event))
    fake.users.set('ann', { uid: 'ann', name: 'Changed elsewhere', createdAt: 0 })
    const again = await sync(deliver(event))
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ duplicate: true })
    expect(fake.users.get('ann')?.name).toBe('Changed elsewhere')
  })

  it('a badly signed, unsigned or replayed webhook changes nothing', async () => {
    const sync = createUserSyncHandler({ cometchat: createTestClient(), secret: SECRET })
    const event = { id: 'x', type: 'user.created', user: { uid: 'eve', name: 'Eve' } }
    const old = Math.floor(Date.now() / 1000) - 301
    const answers = [
      await sync(deliver(event, { secret: 'wrong' })),
      await sync(deliver(event, { headers: { [SIGNATURE_HEADER]: 'v1=00' } })),
      await sync(deliver(event, { headers: { [SIGNATURE_HEADER]: '' } })),
      await sync(deliver(event, { timestamp: old })),
      await sync(
        deliver(event, {
          headers: { [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000) + 1) },
        }),
      ),
    ]
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
    // A body changed after signing fails too.
    const signed = signWebhook(SECRET, JSON.stringify(event))
    const tampered = new Request('https://app.example/w', {
      method: 'POST',
      headers: signed,
      body: JSON.stringify({ ...event, user: { uid: 'root', name: 'R' } }),
    })
    expect((await sync(tampered)).status).toBe(401)
    expect(fake.log).toHaveLength(0)
  })

  it('rejects oversized bodies, unknown events and other methods', async () => {
    const sync = createUserSyncHandler({
      cometchat: createTestClient(),
      secret: SECRET,
      maxBodyBytes: 1024,
    })
    expect(
      (
        await sync(
          deliver({ id: 'big', type: 'user.created', user: { uid: 'a', name: 'x'.repeat(2000) } }),
        )
      ).status,
    ).toBe(413)
    expect(
      (await sync(deliver({ id: 'u', type: 'user.exploded', user: { uid: 'a' } }))).status,
    ).toBe(400)
    expect((await sync(new Request('https://app.example/w'))).status).toBe(405)
    expect(
      (await sync(deliver({ id: 'bad', type: 'user.created', user: { uid: '../x', name: 'X' } })))
        .status,
    ).toBe(422)
    expect(fake.log).toHaveLength(0)
  })

  it('answers 503 when CometChat fails and applies the event when it is redelivered', async () => {
    const sync = createUserSyncHandler({
      cometchat: createTestClient({ retries: 0 }),
      secret: SECRET,
    })
    server.resetHandlers()
    const { http, HttpResponse } = await import('msw')
    server.use(http.all('*', () => new HttpResponse(null, { status: 500 })))
    const event = { id: 'retry-me', type: 'user.created', user: { uid: 'zed', name: 'Zed' } }
    expect((await sync(deliver(event))).status).toBe(503)
    server.resetHandlers()
    server.use(...fake.handlers)
    expect((await sync(deliver(event))).status).toBe(200)
    expect(fake.users.has('zed')).toBe(true)
  })
})
