import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { type RunningEmulator, startEmulator } from '../index.js'

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

describe('REST v3 authentication', () => {
  it('refuses a missing apiKey with AUTH_ERR_EMPTY_APIKEY', async () => {
    const answer = await api.rest('GET', '/users', undefined, {})
    expect(answer).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_EMPTY_APIKEY' } })
  })

  it('refuses a wrong apiKey with AUTH_ERR_APIKEY_NOT_FOUND', async () => {
    const answer = await api.rest('GET', '/users', undefined, { apiKey: 'nope' })
    expect(answer).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_APIKEY_NOT_FOUND' } })
  })

  it('takes the header in any case and sends rate-limit headers', async () => {
    const answer = await api.rest('GET', '/users', undefined, { APIKEY: emulator.apiKey })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-rate-limit')).toBe('20000') // a list is a standard operation (20,000/min)
    expect(answer.headers.get('x-rate-limit-remaining')).toBeTruthy()
  })
})

describe('users', () => {
  it('has the sample users cometchat-uid-1 … 5', async () => {
    const answer = await api.rest('GET', '/users')
    expect((answer.data as { uid: string }[]).map((u) => u.uid)).toEqual([
      'cometchat-uid-1',
      'cometchat-uid-2',
      'cometchat-uid-3',
      'cometchat-uid-4',
      'cometchat-uid-5',
    ])
  })

  it('creates a user, lowercasing the uid, with CometChat fields', async () => {
    const answer = await api.rest('POST', '/users', {
      uid: 'Ann-1',
      name: 'Ann 😀',
      avatar: 'https://example.com/a.png',
      metadata: { plan: 'pro' },
      tags: ['a', 'b'],
    })
    expect(answer).toMatchObject({
      status: 200,
      data: { uid: 'ann-1', name: 'Ann 😀', role: 'default', status: 'offline', tags: ['a', 'b'] },
    })
    expect((answer.data as { createdAt: number }).createdAt).toBeGreaterThan(1_600_000_000)
  })

  it('creates with an auth token when asked (withAuthToken)', async () => {
    const answer = await api.rest('POST', '/users', { uid: 'bo', name: 'Bo', withAuthToken: true })
    expect((answer.data as { authToken: string }).authToken).toMatch(/^bo_\d{10}[0-9a-f]{32}$/)
  })

  it('refuses a duplicate uid with ERR_UID_ALREADY_EXISTS (409), case-insensitively', async () => {
    await api.rest('POST', '/users', { uid: 'cy', name: 'Cy' })
    const answer = await api.rest('POST', '/users', { uid: 'CY', name: 'Cy again' })
    expect(answer).toMatchObject({ status: 409, error: { code: 'ERR_UID_ALREADY_EXISTS' } })
  })

  it.each([
    ['a missing uid', { name: 'X' }, 'uid'],
    ['an empty uid', { uid: '', name: 'X' }, 'uid'],
    ['a 101-character uid', { uid: 'a'.repeat(101), name: 'X' }, 'uid'],
    ['a uid with a space', { uid: 'a b', name: 'X' }, 'uid'],
    ['a unicode uid', { uid: 'ålice', name: 'X' }, 'uid'],
    ['a uid with a slash', { uid: '../x', name: 'X' }, 'uid'],
    ['a missing name', { uid: 'dd' }, 'name'],
    ['a 101-character name', { uid: 'dd', name: 'n'.repeat(101) }, 'name'],
    ['an avatar that is not a URL', { uid: 'dd', name: 'D', avatar: 'not a url' }, 'avatar'],
    [
      'a 3001-character avatar',
      { uid: 'dd', name: 'D', avatar: `https://x.io/${'a'.repeat(2990)}` },
      'avatar',
    ],
    ['a link that is not http', { uid: 'dd', name: 'D', link: 'javascript:alert(1)' }, 'link'],
    ['metadata that is not an object', { uid: 'dd', name: 'D', metadata: 'x' }, 'metadata'],
    [
      'metadata over 5 KB',
      { uid: 'dd', name: 'D', metadata: { big: 'x'.repeat(5200) } },
      'metadata',
    ],
    [
      '26 tags',
      { uid: 'dd', name: 'D', tags: Array.from({ length: 26 }, (_, i) => `t${i}`) },
      'tags',
    ],
    ['a 101-character tag', { uid: 'dd', name: 'D', tags: ['t'.repeat(101)] }, 'tags'],
    ['a tag that is not a string', { uid: 'dd', name: 'D', tags: [1] }, 'tags'],
    ['a role that is not a string', { uid: 'dd', name: 'D', role: 7 }, 'role'],
  ])('refuses %s with ERR_BAD_REQUEST naming the field', async (_, body, field) => {
    const answer = await api.rest('POST', '/users', body)
    expect(answer).toMatchObject({ status: 400, error: { code: 'ERR_BAD_REQUEST' } })
    expect(Object.keys(answer.error?.details as object)).toContain(field)
  })

  it('refuses a body that is not JSON, and one over 10 KB', async () => {
    expect(await api.rest('POST', '/users', '{uid:')).toMatchObject({ status: 400 })
    const big = await api.rest('POST', '/users', { uid: 'big', name: 'B', x: 'y'.repeat(11_000) })
    expect(big).toMatchObject({ status: 413, error: { code: 'ERR_BAD_REQUEST' } })
  })

  it('creates the array form (the seed’s batch) with one outcome per user', async () => {
    const answer = await api.rest('POST', '/users', [
      { uid: 'e1', name: 'E1' },
      { uid: 'bad uid', name: 'E2' },
      { uid: 'cometchat-uid-1', name: 'dup' },
    ])
    expect(answer.status).toBe(200)
    expect(answer.data).toMatchObject([
      { uid: 'e1', success: true, user: { uid: 'e1' } },
      { success: false, error: { code: 'ERR_BAD_REQUEST' } },
      { uid: 'cometchat-uid-1', success: false, error: { code: 'ERR_UID_ALREADY_EXISTS' } },
    ])
  })

  it('gets one user, or ERR_UID_NOT_FOUND (404)', async () => {
    expect(await api.rest('GET', '/users/COMETCHAT-UID-2')).toMatchObject({
      status: 200,
      data: { uid: 'cometchat-uid-2' },
    })
    expect(await api.rest('GET', '/users/ghost')).toMatchObject({
      status: 404,
      error: { code: 'ERR_UID_NOT_FOUND' },
    })
  })

  it('lists with CometChat’s pagination meta', async () => {
    for (let i = 0; i < 7; i++) await api.rest('POST', '/users', { uid: `p${i}`, name: `P${i}` })
    const answer = await api.rest('GET', '/users?perPage=5&page=2')
    expect((answer.data as unknown[]).length).toBe(5)
    expect(answer.meta).toMatchObject({
      pagination: { total: 12, count: 5, per_page: 5, current_page: 2, total_pages: 3 },
    })
    const last = await api.rest('GET', '/users?perPage=5&page=3')
    expect(last.meta).toMatchObject({ pagination: { count: 2 } })
  })

  it('updates profile fields, validated', async () => {
    const answer = await api.rest('PUT', '/users/cometchat-uid-1', { name: 'Renamed', tags: ['x'] })
    expect(answer).toMatchObject({ status: 200, data: { name: 'Renamed', tags: ['x'] } })
    expect((await api.rest('PUT', '/users/cometchat-uid-1', { name: 5 })).status).toBe(400)
    expect((await api.rest('PUT', '/users/ghost', { name: 'X' })).status).toBe(404)
  })

  it('deletes permanently with ?permanent=true or { permanent: true }, tokens included', async () => {
    await api.rest('POST', '/users', { uid: 'pq', name: 'Q', withAuthToken: true })
    await api.rest('POST', '/users', { uid: 'pb', name: 'B' })
    expect((await api.rest('DELETE', '/users/pq?permanent=true')).status).toBe(200)
    expect((await api.rest('DELETE', '/users/pb', { permanent: true })).status).toBe(200)
    expect((await api.rest('GET', '/users/pq')).status).toBe(404)
    expect((await api.rest('GET', '/users/pb')).status).toBe(404)
    expect((await api.rest('POST', '/users', { uid: 'pq', name: 'New' })).status).toBe(200)
    expect((await api.rest('DELETE', '/users/ghost')).status).toBe(404)
  })
})

describe('auth tokens', () => {
  it('creates, lists, gets and deletes one or all tokens of a user', async () => {
    const first = (await api.rest('POST', '/users/cometchat-uid-1/auth_tokens')).data as {
      authToken: string
      uid: string
      createdAt: number
    }
    expect(first).toMatchObject({ uid: 'cometchat-uid-1' })
    expect(first.authToken).toMatch(/^cometchat-uid-1_\d{10}[0-9a-f]{32}$/)
    const second = (await api.rest('POST', '/users/cometchat-uid-1/auth_tokens', { force: true }))
      .data as { authToken: string }
    const list = await api.rest('GET', '/users/cometchat-uid-1/auth_tokens')
    expect((list.data as { authToken: string }[]).map((t) => t.authToken)).toEqual([
      first.authToken,
      second.authToken,
    ])
    expect(list.meta).toMatchObject({ pagination: { total: 2 } })
    expect(
      (await api.rest('GET', `/users/cometchat-uid-1/auth_tokens/${first.authToken}`)).data,
    ).toEqual(first)
    expect(
      (await api.rest('GET', `/users/cometchat-uid-2/auth_tokens/${first.authToken}`)).status,
    ).toBe(404)
    expect(
      (await api.rest('DELETE', `/users/cometchat-uid-1/auth_tokens/${first.authToken}`)).status,
    ).toBe(200)
    expect(
      (await api.rest('DELETE', `/users/cometchat-uid-1/auth_tokens/${first.authToken}`)).error,
    ).toMatchObject({ code: 'ERR_AUTH_TOKEN_NOT_FOUND' })
    expect((await api.rest('DELETE', '/users/cometchat-uid-1/auth_tokens')).status).toBe(200)
    expect((await api.rest('GET', '/users/cometchat-uid-1/auth_tokens')).data).toEqual([])
  })

  it('answers ERR_UID_NOT_FOUND for tokens of an unknown user', async () => {
    expect(await api.rest('POST', '/users/ghost/auth_tokens')).toMatchObject({
      status: 404,
      error: { code: 'ERR_UID_NOT_FOUND' },
    })
  })

  it('answers unknown routes with CometChat’s error envelope', async () => {
    expect(await api.rest('GET', '/groups')).toMatchObject({
      status: 404,
      error: { code: 'ERR_API_NOT_FOUND' },
    })
  })
})
