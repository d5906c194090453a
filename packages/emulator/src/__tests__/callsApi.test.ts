import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { type RunningEmulator, startEmulator } from '../index.js'

let clock = Date.UTC(2026, 0, 1)
let emulator: RunningEmulator
let api: ReturnType<typeof clientFor>
beforeAll(async () => {
  emulator = await startEmulator({ now: () => clock, tokenTtlSeconds: 600 })
  api = clientFor(emulator)
})
afterAll(() => emulator.close())
beforeEach(async () => {
  await api.control('POST', 'reset')
})

const mint = async (uid = 'cometchat-uid-1') =>
  ((await api.rest('POST', `/users/${uid}/auth_tokens`)).data as { authToken: string }).authToken

describe('the calls API the Calls SDK uses', () => {
  it('gives a call token for a valid auth token, which the verification endpoint knows', async () => {
    const authToken = await mint()
    const answer = await api.calls('POST', 'call_tokens', { authToken }, { sessionId: 'room-1' })
    expect(answer.status).toBe(200)
    const { token } = answer.data as { token: string }
    expect(token.split('.')).toHaveLength(3)
    expect(await api.calls('GET', 'call_tokens', { callToken: token })).toMatchObject({
      status: 200,
      data: { valid: true, uid: 'cometchat-uid-1', sessionId: 'room-1' },
    })
    expect((await api.calls('GET', 'call_tokens', { callToken: 'forged' })).status).toBe(401)
  })

  it.each([
    ['no auth token', {}],
    ['an unknown auth token', { authToken: 'cometchat-uid-1_1767225600deadbeef' }],
  ])('refuses %s with AUTH_ERR_AUTH_TOKEN_NOT_FOUND', async (_, headers) => {
    const answer = await api.calls('POST', 'call_tokens', headers, { sessionId: 'room' })
    expect(answer).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } })
  })

  it('refuses a deleted (revoked) token', async () => {
    const authToken = await mint()
    await api.rest('DELETE', `/users/cometchat-uid-1/auth_tokens/${authToken}`)
    expect((await api.calls('POST', 'call_tokens', { authToken }, { sessionId: 'r' })).status).toBe(
      401,
    )
  })

  it('refuses a token older than the lifetime: expiry is real, on the emulator’s clock', async () => {
    const authToken = await mint()
    clock += 599_000
    expect((await api.calls('POST', 'call_tokens', { authToken }, { sessionId: 'r' })).status).toBe(
      200,
    )
    clock += 1_000
    expect((await api.calls('POST', 'call_tokens', { authToken }, { sessionId: 'r' })).status).toBe(
      401,
    )
  })

  it('refuses the tokens of a user the control expired, and of a permanently deleted user', async () => {
    const expired = await mint('cometchat-uid-2')
    await api.control('POST', 'users/cometchat-uid-2/expire-tokens')
    expect(
      (await api.calls('POST', 'call_tokens', { authToken: expired }, { sessionId: 'r' })).status,
    ).toBe(401)
    const fresh = await mint('cometchat-uid-2')
    expect(
      (await api.calls('POST', 'call_tokens', { authToken: fresh }, { sessionId: 'r' })).status,
    ).toBe(200)
    const gone = await mint('cometchat-uid-3')
    await api.rest('DELETE', '/users/cometchat-uid-3?permanent=true')
    expect(
      (await api.calls('POST', 'call_tokens', { authToken: gone }, { sessionId: 'r' })).status,
    ).toBe(401)
  })

  it('requires a session id', async () => {
    const authToken = await mint()
    expect(await api.calls('POST', 'call_tokens', { authToken }, {})).toMatchObject({
      status: 400,
      error: { code: 'ERR_BAD_REQUEST' },
    })
  })

  it('answers getCallDetails for a valid token', async () => {
    const authToken = await mint()
    expect(await api.calls('GET', 'calls?sessionId=r', { authToken })).toMatchObject({
      status: 200,
      data: [],
    })
    expect((await api.calls('GET', 'calls', {})).status).toBe(401)
  })

  it('answers browsers: CORS preflight for the SDK’s headers', async () => {
    const response = await fetch(`${emulator.callsHost}call_tokens`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authtoken,content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authtoken',
    )
  })
})

describe('the development-only Auth-Key login', () => {
  const headers = () => ({ appId: emulator.appId, authKey: emulator.authKey })

  it('gives an auth token for uid + the app’s Auth Key', async () => {
    const answer = await api.calls('POST', 'users/cometchat-uid-4/auth_tokens', headers())
    expect(answer).toMatchObject({ status: 200, data: { uid: 'cometchat-uid-4' } })
    const { authToken } = answer.data as { authToken: string }
    expect((await api.calls('POST', 'call_tokens', { authToken }, { sessionId: 'r' })).status).toBe(
      200,
    )
  })

  it('refuses a wrong Auth Key or app id, an unknown uid and a deactivated user', async () => {
    expect(
      await api.calls('POST', 'users/cometchat-uid-4/auth_tokens', { ...headers(), authKey: 'x' }),
    ).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_APIKEY_NOT_FOUND' } })
    expect(
      await api.calls('POST', 'users/cometchat-uid-4/auth_tokens', { ...headers(), appId: 'x' }),
    ).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_INVALID_APPID' } })
    expect(await api.calls('POST', 'users/ghost/auth_tokens', headers())).toMatchObject({
      status: 404,
      error: { code: 'ERR_UID_NOT_FOUND' },
    })
    await api.rest('DELETE', '/users/cometchat-uid-5')
    // The docs' error guide: ERR_UID_NOT_FOUND is "UID does not exist or user is deactivated".
    expect(await api.calls('POST', 'users/cometchat-uid-5/auth_tokens', headers())).toMatchObject({
      status: 404,
      error: { code: 'ERR_UID_NOT_FOUND' },
    })
  })
})
