import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { BASE, createTestClient, installFakeCometChat, server } from '../../test/fakeCometChat.js'
import { createMemoryDedupeStore, type DedupeStore } from '../stores/dedupeStore.js'
import { createUserSyncHandler, signWebhook } from '../userSync.js'

// Issue 13, items 1 and 7: the webhook handler never throws, and consumes at least once.
const fake = installFakeCometChat()
const SECRET = 'whsec_issue13'

function deliver(event: unknown): Request {
  const body = JSON.stringify(event)
  return new Request('https://app.example/webhooks/users', {
    method: 'POST',
    headers: signWebhook(SECRET, body),
    body,
  })
}
const syncWith = (extra: Partial<Parameters<typeof createUserSyncHandler>[0]> = {}) =>
  createUserSyncHandler({ cometchat: createTestClient({ retries: 0 }), secret: SECRET, ...extra })

describe('item 1: crash-proof webhook handler', () => {
  it('answers 400 BODY_ABORTED when the body stream aborts midway', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":"x",'))
        controller.error(new Error('aborted'))
      },
    })
    const request = new Request('https://app.example/webhooks/users', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit)
    const response = await syncWith()(request)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'BODY_ABORTED' } })
  })

  it('answers 503 STORE_UNAVAILABLE when the dedupe store throws, and serves the next request', async () => {
    let broken = true
    const memory = createMemoryDedupeStore()
    const dedupe: DedupeStore = {
      claim: (id, lease) => {
        if (broken) throw new Error('store down')
        return memory.claim(id, lease)
      },
      complete: (id) => memory.complete(id),
      release: (id) => memory.release(id),
    }
    const errors: unknown[] = []
    const sync = syncWith({ dedupe, onError: (e) => errors.push(e) })
    const event = { id: 'e1', type: 'user.created', user: { uid: 'ann', name: 'Ann' } }
    const down = await sync(deliver(event))
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } })
    expect(errors).toHaveLength(1)
    broken = false
    expect((await sync(deliver(event))).status).toBe(200)
    expect(fake.users.has('ann')).toBe(true)
  })

  it('answers 413 for an oversized body, even without Content-Length', async () => {
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(70 * 1024))
        controller.close()
      },
    })
    const request = new Request('https://app.example/webhooks/users', {
      method: 'POST',
      body: big,
      duplex: 'half',
    } as RequestInit)
    expect((await syncWith()(request)).status).toBe(413)
  })
})

describe('item 7: webhooks as an at-least-once consumer', () => {
  it('an id counts as seen only after its event succeeded', async () => {
    let failures = 1
    server.use(
      http.put(`${BASE}/users/:uid`, () =>
        failures-- > 0 ? new HttpResponse(null, { status: 500 }) : undefined,
      ),
    )
    await createTestClient().users.create({ uid: 'ann', name: 'Ann' })
    const sync = syncWith()
    const event = { id: 'u1', type: 'user.updated', user: { uid: 'ann', name: 'Annie' } }
    expect((await sync(deliver(event))).status).toBe(503)
    // The redelivery is applied, not skipped as a duplicate.
    const retried = await sync(deliver(event))
    expect(await retried.json()).toEqual({ ok: true })
    expect(fake.users.get('ann')?.name).toBe('Annie')
    expect(await (await sync(deliver(event))).json()).toMatchObject({ duplicate: true })
  })

  it('a delivery of an id still being applied answers 409 and applies nothing twice', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    server.use(
      http.post(`${BASE}/users`, async () => {
        await gate
        return undefined
      }),
    )
    const sync = syncWith()
    const event = { id: 'c1', type: 'user.created', user: { uid: 'cy', name: 'Cy' } }
    const first = sync(deliver(event))
    await new Promise((resolve) => setImmediate(resolve))
    const second = await sync(deliver(event))
    expect(second.status).toBe(409)
    expect(second.headers.get('retry-after')).toBe('60')
    release()
    expect((await first).status).toBe(200)
    expect(fake.log.filter((r) => r.method === 'POST' && r.path === '/users')).toHaveLength(1)
  })

  it('a late user.updated after a permanent delete does not bring the user back (tombstone)', async () => {
    const sync = syncWith()
    await sync(deliver({ id: 'a', type: 'user.created', user: { uid: 'gone', name: 'Gone' } }))
    await sync(deliver({ id: 'b', type: 'user.deleted', user: { uid: 'gone' }, permanent: true }))
    const late = await sync(
      deliver({ id: 'c', type: 'user.updated', user: { uid: 'gone', name: 'Zombie' } }),
    )
    expect(late.status).toBe(200)
    expect(await late.json()).toEqual({ ok: true, ignored: 'deleted' })
    expect(fake.users.has('gone')).toBe(false)
  })

  it('an event whose version is not newer than the last applied one is ignored (per-uid order)', async () => {
    const sync = syncWith()
    await sync(
      deliver({ id: 'v2', type: 'user.created', user: { uid: 'ver', name: 'Two' }, version: 2 }),
    )
    await sync(
      deliver({
        id: 'v3',
        type: 'user.deleted',
        user: { uid: 'ver' },
        permanent: true,
        version: 3,
      }),
    )
    const older = await sync(
      deliver({ id: 'v1', type: 'user.created', user: { uid: 'ver', name: 'One' }, version: 1 }),
    )
    expect(await older.json()).toEqual({ ok: true, ignored: 'stale' })
    expect(fake.users.has('ver')).toBe(false)
    // A genuinely newer creation is applied.
    await sync(
      deliver({ id: 'v4', type: 'user.created', user: { uid: 'ver', name: 'Four' }, version: 4 }),
    )
    expect(fake.users.get('ver')?.name).toBe('Four')
  })

  it('events of one uid are applied in arrival order even when CometChat answers out of order', async () => {
    let firstPut = true
    let releaseFirst = () => {}
    const slow = new Promise<void>((resolve) => {
      releaseFirst = resolve
    })
    server.use(
      http.put(`${BASE}/users/:uid`, async () => {
        if (firstPut) {
          firstPut = false
          await slow
        }
        return undefined
      }),
    )
    await createTestClient().users.create({ uid: 'ord', name: 'Zero' })
    const sync = syncWith()
    const one = sync(deliver({ id: 'o1', type: 'user.updated', user: { uid: 'ord', name: 'One' } }))
    const two = sync(deliver({ id: 'o2', type: 'user.updated', user: { uid: 'ord', name: 'Two' } }))
    await new Promise((resolve) => setImmediate(resolve))
    releaseFirst()
    await Promise.all([one, two])
    expect(fake.users.get('ord')?.name).toBe('Two')
  })

  it('a deactivated user answers 422 USER_DEACTIVATED, not 503 forever', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'off', name: 'Off' })
    await client.users.delete('off')
    const response = await syncWith()(
      deliver({ id: 'd1', type: 'user.updated', user: { uid: 'off', name: 'Back?' } }),
    )
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ error: { code: 'USER_DEACTIVATED' } })
  })

  it('patch fields are on an allow-list: role and unknown fields never reach CometChat; null clears', async () => {
    await createTestClient().users.create({
      uid: 'ro',
      name: 'Ro',
      avatar: 'https://example.com/a.png',
    })
    const sync = syncWith()
    await sync(
      deliver({
        id: 'r1',
        type: 'user.updated',
        user: { uid: 'ro', name: 'Ro', role: 'admin', avatar: null, credits: 9 },
      }),
    )
    const put = fake.log.find((r) => r.method === 'PUT')
    expect(put?.body).toEqual({ name: 'Ro', unset: ['avatar'] })
    expect(fake.users.get('ro')).not.toHaveProperty('avatar')
    await sync(
      deliver({ id: 'r2', type: 'user.created', user: { uid: 'rn', name: 'Rn', role: 'admin' } }),
    )
    const create = fake.log.find((r) => r.method === 'POST' && r.path === '/users' && r.body)
    expect(JSON.stringify(fake.log.map((r) => r.body))).not.toContain('admin')
    expect(create).toBeDefined()
  })
})
