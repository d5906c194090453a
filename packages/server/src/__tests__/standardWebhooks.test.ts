import { readFileSync } from 'node:fs'
import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type CometChatClient, createCometChatClient } from '../client/createCometChatClient.js'
import { createUserSyncHandler, signWebhook } from '../userSync.js'
import { clerkUid, clerkUserEvents } from '../webhooks/clerk.js'
import { mapUserEvents } from '../webhooks/eventMapper.js'
import { standardWebhooks } from '../webhooks/standardWebhooks.js'

// A signing secret as Clerk's dashboard shows one (whsec_ + base64).
const SIGNING_SECRET = `whsec_${Buffer.from('a-32-byte-signing-secret-for-tst').toString('base64')}`
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/clerk/${name}.json`, import.meta.url), 'utf8')
const CLERK_ID = 'user_29w83sxmDNGwOuEthce5gg56FcC'
const UID = clerkUid(CLERK_ID)

/** A delivery signed with the standardwebhooks library, as Svix signs it. */
function delivery(
  body: string,
  options: { id?: string; at?: Date; secret?: string; prefix?: 'webhook' | 'svix' } = {},
) {
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`
  const at = options.at ?? new Date()
  const prefix = options.prefix ?? 'webhook'
  const signature = new Webhook(options.secret ?? SIGNING_SECRET).sign(id, at, body)
  return new Request('https://app.example/webhooks/clerk', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [`${prefix}-id`]: id,
      [`${prefix}-timestamp`]: String(Math.floor(at.getTime() / 1000)),
      [`${prefix}-signature`]: signature,
    },
    body,
  })
}

let emulator: RunningEmulator
let cometchat: CometChatClient
beforeAll(async () => {
  emulator = await startEmulator({ seedSampleUsers: false })
  cometchat = createCometChatClient({
    appId: emulator.appId,
    region: emulator.region,
    apiKey: emulator.apiKey,
    baseUrl: emulator.restBaseUrl,
    retryDelayMs: 1,
  })
})
afterAll(() => emulator?.close())
beforeEach(async () => {
  await emulator.control('POST', 'reset')
})

const clerkSync = () =>
  createUserSyncHandler({
    cometchat,
    verify: standardWebhooks(SIGNING_SECRET),
    toEvent: clerkUserEvents(),
  })

describe('Standard Webhooks + Clerk user events', () => {
  it('clerkUid lowercases reversibly: ids differing only in case stay distinct', () => {
    expect(UID).toBe('user_29w83sxm-d-n-gw-ou-ethce5gg56-fc-c')
    expect(clerkUid('user_2aB')).not.toBe(clerkUid('user_2Ab'))
    expect(UID).toMatch(/^[a-z0-9_-]{1,100}$/)
  })

  it('applies Clerk’s user.created, user.updated and user.deleted as signed by the library', async () => {
    const sync = clerkSync()
    const created = await sync(delivery(fixture('user.created')))
    expect(created.status).toBe(200)
    expect((await cometchat.users.get(UID)).name).toBe('Example Example')
    expect((await cometchat.users.get(UID)).avatar).toBe('https://img.clerk.com/xxxxxx')

    expect((await sync(delivery(fixture('user.updated')))).status).toBe(200)
    const updated = await cometchat.users.get(UID)
    expect(updated.name).toBe('Renamed Example')
    // has_image: false clears the avatar; the payload's role is not on the allow-list.
    expect(updated.avatar).toBeUndefined()
    expect(updated.role).not.toBe('admin')

    expect((await sync(delivery(fixture('user.deleted')))).status).toBe(200)
    await expect(cometchat.users.get(UID)).rejects.toMatchObject({ code: 'ERR_UID_NOT_FOUND' })
  })

  it('accepts Svix’s own header names (svix-id, svix-timestamp, svix-signature)', async () => {
    const answer = await clerkSync()(delivery(fixture('user.created'), { prefix: 'svix' }))
    expect(answer.status).toBe(200)
    expect((await cometchat.users.get(UID)).uid).toBe(UID)
  })

  it('refuses a bad signature, another secret and a tampered body with 401, changing nothing', async () => {
    const sync = clerkSync()
    const other = `whsec_${Buffer.from('another-secret-another-secret-xx').toString('base64')}`
    expect(
      await (await sync(delivery(fixture('user.created'), { secret: other }))).json(),
    ).toMatchObject({ error: { code: 'BAD_SIGNATURE' } })
    const signed = delivery(fixture('user.created'))
    const tampered = new Request(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: fixture('user.created').replace('Example', 'Mallory'),
    })
    expect((await sync(tampered)).status).toBe(401)
    const unsigned = new Request(signed.url, { method: 'POST', body: fixture('user.created') })
    expect((await sync(unsigned)).status).toBe(401)
    await expect(cometchat.users.get(UID)).rejects.toMatchObject({ code: 'ERR_UID_NOT_FOUND' })
  })

  it('refuses a timestamp older (or newer) than 5 minutes with 401 STALE_TIMESTAMP', async () => {
    const sync = clerkSync()
    for (const skew of [-6 * 60_000, 6 * 60_000]) {
      const answer = await sync(
        delivery(fixture('user.created'), { at: new Date(Date.now() + skew) }),
      )
      expect(answer.status).toBe(401)
      expect(await answer.json()).toMatchObject({ error: { code: 'STALE_TIMESTAMP' } })
    }
    await expect(cometchat.users.get(UID)).rejects.toMatchObject({ code: 'ERR_UID_NOT_FOUND' })
  })

  it('a replayed delivery (same webhook-id, still inside 5 minutes) is applied once', async () => {
    const sync = clerkSync()
    const body = fixture('user.created')
    expect((await sync(delivery(body, { id: 'msg_replay' }))).status).toBe(200)
    await cometchat.users.update(UID, { name: 'Changed since' })
    const replay = await sync(delivery(body, { id: 'msg_replay' }))
    expect(await replay.json()).toMatchObject({ ok: true, duplicate: true })
    expect((await cometchat.users.get(UID)).name).toBe('Changed since')
  })

  it('a late user.updated after user.deleted does not bring the user back (versions)', async () => {
    const sync = clerkSync()
    await sync(delivery(fixture('user.created')))
    await sync(delivery(fixture('user.deleted')))
    const late = await sync(delivery(fixture('user.updated')))
    expect(await late.json()).toMatchObject({ ok: true, ignored: 'stale' })
    await expect(cometchat.users.get(UID)).rejects.toMatchObject({ code: 'ERR_UID_NOT_FOUND' })
  })

  it('ignores other Clerk event types with 200; a uid CometChat cannot take is 422, a non-JSON body 400', async () => {
    const sync = clerkSync()
    const session = JSON.stringify({
      type: 'session.created',
      object: 'event',
      data: { id: 'sess_1' },
    })
    expect(await (await sync(delivery(session))).json()).toMatchObject({ ignored: 'unhandled' })
    const noName = JSON.stringify({ type: 'user.created', data: { id: 'user_2Bad!' } })
    const invalid = await sync(delivery(noName))
    expect(invalid.status).toBe(422)
    expect(await invalid.json()).toMatchObject({ error: { code: 'INVALID_UID' } })
    expect((await sync(delivery('not json'))).status).toBe(400)
  })

  it('a generic mapping works for any provider; our own HMAC scheme still works beside it', async () => {
    const generic = createUserSyncHandler({
      cometchat,
      verify: standardWebhooks(SIGNING_SECRET),
      toEvent: mapUserEvents({
        type: (p) => ((p as { kind: string }).kind === 'signup' ? 'user.created' : null),
        uid: (p) => (p as { account: string }).account,
        profile: (p) => ({ name: (p as { display: string }).display }),
      }),
    })
    const body = JSON.stringify({ kind: 'signup', account: 'acct-7', display: 'Seven' })
    expect((await generic(delivery(body))).status).toBe(200)
    expect((await cometchat.users.get('acct-7')).name).toBe('Seven')

    const ours = createUserSyncHandler({ cometchat, secret: 'our-hmac-secret' })
    const event = JSON.stringify({
      id: 'e1',
      type: 'user.created',
      user: { uid: 'bea', name: 'Bea' },
    })
    const answer = await ours(
      new Request('https://app.example/hooks', {
        method: 'POST',
        headers: signWebhook('our-hmac-secret', event),
        body: event,
      }),
    )
    expect(answer.status).toBe(200)
    // A Standard Webhooks signature means nothing to our scheme.
    expect((await ours(delivery(event))).status).toBe(401)
    expect(() => createUserSyncHandler({ cometchat })).toThrow(/secret/)
  })
})
