import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EMULATOR_KEY,
  emulatorClient,
  loadStartEmulator,
  type RunningEmulator,
} from '../../test/emulator.js'
import { importUsers } from '../cli/import.js'
import { ensureUser } from '../ensureUser.js'
import { createTokenHandler } from '../tokenHandler.js'
import { createUserSyncHandler, signWebhook } from '../userSync.js'

const startEmulator = await loadStartEmulator()
let emulator: RunningEmulator

// Happy paths against @callsession/emulator over real HTTP (skipped until that package exports startEmulator).
describe.skipIf(!startEmulator)('against the emulator over HTTP', () => {
  beforeAll(async () => {
    if (startEmulator) emulator = await startEmulator({ port: 0, apiKey: EMULATOR_KEY })
  })
  afterAll(async () => {
    await emulator?.close()
  })

  async function allUids(): Promise<string[]> {
    const uids: string[] = []
    for await (const user of emulatorClient(emulator).users.all({ perPage: 100 }))
      uids.push(user.uid)
    return uids
  }

  it('creates, reads, updates, lists and deletes users and tokens', async () => {
    const client = emulatorClient(emulator)
    expect((await client.users.create({ uid: 'emu-ann', name: 'Ann' })).uid).toBe('emu-ann')
    expect((await client.users.update('emu-ann', { name: 'Annie' })).name).toBe('Annie')
    const token = await client.authTokens.create('emu-ann')
    expect(token.authToken).toBeTypeOf('string')
    expect((await client.authTokens.list('emu-ann')).items.map((t) => t.authToken)).toContain(
      token.authToken,
    )
    await client.users.delete('emu-ann')
    await expect(client.users.get('emu-ann')).rejects.toMatchObject({ code: 'ERR_UID_NOT_FOUND' })
    await expect(client.authTokens.create('emu-ann')).rejects.toMatchObject({
      code: 'ERR_UID_NOT_FOUND',
    })
    expect(await client.users.restore('emu-ann')).toBe(true)
    await expect(client.authTokens.create('emu-ann')).resolves.toBeDefined()
  })

  it('200 concurrent ensureUser for one new uid create exactly one user', async () => {
    const client = emulatorClient(emulator)
    const results = await Promise.all(
      Array.from({ length: 200 }, () => ensureUser(client, { uid: 'emu-crowd', name: 'Crowd' })),
    )
    expect(results.every((u) => u.uid === 'emu-crowd')).toBe(true)
    expect((await allUids()).filter((uid) => uid === 'emu-crowd')).toHaveLength(1)
  })

  it('the token handler mints for the signed-in user only', async () => {
    const handler = createTokenHandler({
      cometchat: emulatorClient(emulator),
      authenticate: () => ({ uid: 'emu-bob', name: 'Bob' }),
      ttlSeconds: 600,
    })
    const response = await handler(
      new Request('http://app/token?uid=emu-eve', {
        method: 'POST',
        body: JSON.stringify({ uid: 'emu-eve' }),
      }),
    )
    const text = await response.text()
    expect(response.status).toBe(200)
    expect(JSON.parse(text)).toMatchObject({
      uid: 'emu-bob',
      user: { uid: 'emu-bob', name: 'Bob' },
    })
    expect(text).not.toContain(EMULATOR_KEY)
    expect(await allUids()).not.toContain('emu-eve')
  })

  it('the webhook handler mirrors a created user once', async () => {
    const sync = createUserSyncHandler({ cometchat: emulatorClient(emulator), secret: 's' })
    const body = JSON.stringify({
      id: 'emu-evt-1',
      type: 'user.created',
      user: { uid: 'emu-hook', name: 'Hook' },
    })
    expect(
      (
        await sync(
          new Request('http://app/w', { method: 'POST', headers: signWebhook('s', body), body }),
        )
      ).status,
    ).toBe(200)
    expect(await allUids()).toContain('emu-hook')
  })

  it('imports users and re-runs without duplicates', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      line: i + 2,
      user: { uid: `emu-imp-${i}`, name: `I${i}` },
    }))
    const first = await importUsers({
      cometchat: emulatorClient(emulator),
      rows: rows.slice(0, 20),
      ratePerMinute: 0,
    })
    const second = await importUsers({
      cometchat: emulatorClient(emulator),
      rows,
      ratePerMinute: 0,
      concurrency: 8,
    })
    expect([first.created, second.created, second.skipped]).toEqual([20, 30, 20])
    expect((await allUids()).filter((uid) => uid.startsWith('emu-imp-'))).toHaveLength(50)
  })
})
