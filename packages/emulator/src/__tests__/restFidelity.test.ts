import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { type RunningEmulator, startEmulator } from '../index.js'

// Conformance with CometChat's REST v3 docs (COMETCHAT.md, issue 13 "Fidelity"), over real HTTP.
let emulator: RunningEmulator
let api: ReturnType<typeof clientFor>
beforeAll(async () => {
  emulator = await startEmulator()
  api = clientFor(emulator)
})
afterAll(() => emulator.close())
beforeEach(async () => {
  await api.control('POST', 'reset')
})

type Token = { uid: string; authToken: string; createdAt: number }
const uidsOf = (data: unknown) => (data as { uid: string }[]).map((u) => u.uid)

describe('deactivated users behave as not found (ERR_UID_NOT_FOUND), as the error guide says', () => {
  it('GET, PUT, tokens and soft DELETE answer ERR_UID_NOT_FOUND; create answers ERR_UID_ALREADY_EXISTS', async () => {
    await api.rest('POST', '/users', { uid: 'sd', name: 'Soft' })
    const token = (await api.rest('POST', '/users/sd/auth_tokens')).data as Token
    expect((await api.rest('DELETE', '/users/sd')).status).toBe(200)
    for (const [method, path, body] of [
      ['GET', '/users/sd', undefined],
      ['PUT', '/users/sd', { name: 'X' }],
      ['POST', '/users/sd/auth_tokens', { force: true }],
      ['GET', '/users/sd/auth_tokens', undefined],
      ['DELETE', '/users/sd', undefined],
    ] as const) {
      expect(await api.rest(method, path, body)).toMatchObject({
        status: 404,
        error: { code: 'ERR_UID_NOT_FOUND' },
      })
    }
    expect(await api.rest('POST', '/users', { uid: 'sd', name: 'Again' })).toMatchObject({
      status: 409,
      error: { code: 'ERR_UID_ALREADY_EXISTS' },
    })
    const call = await api.calls(
      'POST',
      'call_tokens',
      { authToken: token.authToken },
      { sessionId: 's' },
    )
    expect(call).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } })
  })

  it('never shows the invented deactivatedAt or ERR_USER_DEACTIVATED on the REST surface', async () => {
    await api.rest('POST', '/users', { uid: 'sd', name: 'Soft' })
    await api.rest('DELETE', '/users/sd')
    const listed = await api.rest('GET', '/users?withDeactivated=true')
    expect(uidsOf(listed.data)).toContain('sd')
    const texts = [
      JSON.stringify(listed),
      JSON.stringify(await api.rest('POST', '/users/sd/auth_tokens')),
      JSON.stringify(await api.rest('GET', '/users/sd')),
    ]
    for (const text of texts) {
      expect(text).not.toContain('deactivatedAt')
      expect(text).not.toContain('ERR_USER_DEACTIVATED')
    }
  })

  it('lists skip deactivated users unless withDeactivated=true', async () => {
    await api.rest('DELETE', '/users/cometchat-uid-1')
    expect(uidsOf((await api.rest('GET', '/users')).data)).not.toContain('cometchat-uid-1')
    expect(uidsOf((await api.rest('GET', '/users?withDeactivated=true')).data)).toContain(
      'cometchat-uid-1',
    )
  })

  it('bulk deactivates with DELETE /users { uidsToDeactivate }', async () => {
    const answer = await api.rest('DELETE', '/users', {
      uidsToDeactivate: ['cometchat-uid-1', 'cometchat-uid-2'],
    })
    expect(answer.status).toBe(200)
    expect(uidsOf((await api.rest('GET', '/users')).data)).toEqual([
      'cometchat-uid-3',
      'cometchat-uid-4',
      'cometchat-uid-5',
    ])
    expect((await api.rest('DELETE', '/users', { uidsToDeactivate: 'x' })).status).toBe(400)
  })

  it('reactivates with PUT /users { uidsToActivate } → { data: { nonDeactivatedUids } }', async () => {
    await api.rest('DELETE', '/users', { uidsToDeactivate: ['cometchat-uid-1'] })
    const answer = await api.rest('PUT', '/users', {
      uidsToActivate: ['cometchat-uid-1', 'cometchat-uid-2', 'ghost'],
    })
    expect(answer).toMatchObject({
      status: 200,
      data: { nonDeactivatedUids: ['cometchat-uid-1'] },
    })
    expect((await api.rest('GET', '/users/cometchat-uid-1')).status).toBe(200)
    expect((await api.rest('PUT', '/users', { uidsToActivate: 'sd' })).status).toBe(400)
  })

  it('a permanent delete still reaches a deactivated user', async () => {
    await api.rest('DELETE', '/users/cometchat-uid-1')
    expect((await api.rest('DELETE', '/users/cometchat-uid-1', { permanent: true })).status).toBe(
      200,
    )
    expect((await api.rest('POST', '/users', { uid: 'cometchat-uid-1', name: 'New' })).status).toBe(
      200,
    )
  })
})

describe('auth tokens', () => {
  it('keeps 100 active tokens per user: the 101st drops the oldest', async () => {
    const minted: Token[] = []
    for (let i = 0; i < 101; i++)
      minted.push(
        (await api.rest('POST', '/users/cometchat-uid-1/auth_tokens', { force: true }))
          .data as Token,
      )
    const list = await api.rest('GET', '/users/cometchat-uid-1/auth_tokens?perPage=1000')
    const left = (list.data as Token[]).map((t) => t.authToken)
    expect(left).toHaveLength(100)
    expect(left).not.toContain(minted[0]?.authToken)
    expect(left).toContain(minted[1]?.authToken)
    expect(left).toContain(minted[100]?.authToken)
    const dropped = await api.calls(
      'POST',
      'call_tokens',
      { authToken: minted[0]?.authToken ?? '' },
      { sessionId: 's' },
    )
    expect(dropped.status).toBe(401)
  })

  it('force: true mints a new token; without it an existing one may come back with its old createdAt', async () => {
    const first = (await api.rest('POST', '/users/cometchat-uid-1/auth_tokens')).data as Token
    const again = (await api.rest('POST', '/users/cometchat-uid-1/auth_tokens')).data as Token
    expect(again).toEqual(first)
    const forced = (await api.rest('POST', '/users/cometchat-uid-1/auth_tokens', { force: true }))
      .data as Token
    expect(forced.authToken).not.toBe(first.authToken)
  })
})

describe('users', () => {
  it('update clears avatar, link and metadata with unset', async () => {
    await api.rest('POST', '/users', {
      uid: 'un',
      name: 'Un',
      avatar: 'https://x.io/a.png',
      link: 'https://x.io',
      metadata: { a: 1 },
    })
    const answer = await api.rest('PUT', '/users/un', { unset: ['avatar', 'link', 'metadata'] })
    expect(answer.status).toBe(200)
    expect(answer.data).not.toHaveProperty('avatar')
    expect(answer.data).not.toHaveProperty('link')
    expect(answer.data).not.toHaveProperty('metadata')
    expect((await api.rest('GET', '/users/un')).data).not.toHaveProperty('avatar')
    expect((await api.rest('PUT', '/users/un', { unset: ['name'] })).status).toBe(400)
    expect((await api.rest('PUT', '/users/un', { unset: 'avatar' })).status).toBe(400)
  })

  it('searchKey is a prefix match, on the fields searchIn names', async () => {
    await api.rest('POST', '/users', { uid: 'zed-1', name: 'Alpha' })
    await api.rest('POST', '/users', { uid: 'a-zed', name: 'Zed Beta' })
    expect(uidsOf((await api.rest('GET', '/users?searchKey=zed')).data).sort()).toEqual([
      'a-zed',
      'zed-1',
    ])
    expect(uidsOf((await api.rest('GET', '/users?searchKey=zed&searchIn=uid')).data)).toEqual([
      'zed-1',
    ])
    expect(uidsOf((await api.rest('GET', '/users?searchKey=zed&searchIn=name')).data)).toEqual([
      'a-zed',
    ])
    // Not a substring match: "ed" starts neither a uid nor a name.
    expect(uidsOf((await api.rest('GET', '/users?searchKey=ed')).data)).toEqual([])
  })

  it('filters by status and shows tags only withTags', async () => {
    await api.rest('POST', '/users', { uid: 'tg', name: 'T', tags: ['vip'] })
    expect(uidsOf((await api.rest('GET', '/users?status=online')).data)).toEqual([])
    expect(uidsOf((await api.rest('GET', '/users?status=offline')).data)).toContain('tg')
    const plain = (await api.rest('GET', '/users?searchKey=tg')).data as { tags?: string[] }[]
    expect(plain[0]).not.toHaveProperty('tags')
    const tagged = (await api.rest('GET', '/users?searchKey=tg&withTags=true')).data as {
      tags?: string[]
    }[]
    expect(tagged[0]?.tags).toEqual(['vip'])
  })

  it('perPage goes up to 1000, not beyond', async () => {
    expect((await api.rest('GET', '/users?perPage=1000')).meta).toMatchObject({
      pagination: { per_page: 1000 },
    })
    expect((await api.rest('GET', '/users?perPage=5000')).meta).toMatchObject({
      pagination: { per_page: 1000 },
    })
  })

  it('answers a cursor { updatedAt, affix } beside the pagination, and takes it back', async () => {
    const first = await api.rest('GET', '/users')
    const cursor = (first.meta as { cursor: { updatedAt: number; affix: string } }).cursor
    expect(cursor).toMatchObject({ affix: 'append' })
    expect(cursor.updatedAt).toBeGreaterThan(1_600_000_000)
    const after = await api.rest('GET', `/users?updatedAt=${cursor.updatedAt}&affix=append`)
    expect(after.data).toEqual([])
    const before = await api.rest('GET', `/users?updatedAt=${cursor.updatedAt + 1}&affix=prepend`)
    expect(uidsOf(before.data)).toHaveLength(5)
  })
})
