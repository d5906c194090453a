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

const device = { platform: 'web', deviceId: 'device-1' }
const app = () => ({ appId: emulator.appId })
const mint = async (uid = 'cometchat-uid-1') =>
  ((await api.rest('POST', `/users/${uid}/auth_tokens`)).data as { authToken: string }).authToken

describe('sdkHosts', () => {
  it('names the three v5 bases, each the URL + /v3.0 without a trailing slash', () => {
    expect(emulator.sdkHosts).toEqual({
      host: `${emulator.url}/v3.0`,
      clientHost: `${emulator.url}/v3.0`,
      adminHost: `${emulator.url}/v3.0`,
    })
  })
})

describe('Calls SDK v5 token login: PUT /v3.0/me', () => {
  it('answers the user with uid, name, avatar, status, role, lastActiveAt and a jwt', async () => {
    const authToken = await mint()
    const answer = await api.v5('PUT', 'me', { ...app(), authToken }, device)
    expect(answer.status).toBe(200)
    expect(answer.data).toMatchObject({
      uid: 'cometchat-uid-1',
      name: 'Andrew Joseph',
      avatar: expect.stringContaining('cometchat-uid-1'),
      status: 'online',
      role: 'default',
      lastActiveAt: expect.any(Number),
      jwt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    })
    expect(JSON.stringify(answer.data)).not.toContain(authToken)
  })

  it('refuses a revoked or unknown token with all four fields the v5 SDK requires', async () => {
    const authToken = await mint()
    await api.rest('DELETE', `/users/cometchat-uid-1/auth_tokens/${authToken}`)
    const answer = await api.v5('PUT', 'me', { ...app(), authToken }, device)
    expect(answer).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } })
    expect(Object.keys(answer.error ?? {}).sort()).toEqual([
      'code',
      'devMessage',
      'message',
      'source',
    ])
  })

  it('refuses a missing or another app’s appId', async () => {
    const authToken = await mint()
    expect(await api.v5('PUT', 'me', { authToken }, device)).toMatchObject({
      status: 401,
      error: { code: 'AUTH_ERR_EMPTY_APPID' },
    })
    expect(await api.v5('PUT', 'me', { appId: 'other', authToken }, device)).toMatchObject({
      status: 401,
      error: { code: 'AUTH_ERR_INVALID_APPID' },
    })
  })

  it('insists on the { platform, deviceId } body the SDK sends', async () => {
    const authToken = await mint()
    const answer = await api.v5('PUT', 'me', { ...app(), authToken }, { platform: 'web' })
    expect(answer).toMatchObject({ status: 400, error: { code: 'ERR_BAD_REQUEST' } })
    expect(Object.keys(answer.error?.details as object)).toEqual(['deviceId'])
  })

  it('DELETE /me logs out a valid token (which stays valid) and refuses an unknown one', async () => {
    const authToken = await mint()
    expect((await api.v5('DELETE', 'me', { ...app(), authToken })).status).toBe(200)
    expect((await api.v5('PUT', 'me', { ...app(), authToken }, device)).status).toBe(200)
    expect(await api.v5('DELETE', 'me', { ...app(), authToken: 'nope' })).toMatchObject({
      status: 401,
      error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' },
    })
  })

  it('accepts and ignores POST /user_sessions', async () => {
    expect((await api.v5('POST', 'user_sessions', {}, { anything: true })).status).toBe(200)
  })
})

describe('Calls SDK v5 Auth-Key step: POST /v3.0/users/{uid}/auth_tokens', () => {
  it('takes the Auth Key in the header named apiKey and answers an auth token', async () => {
    const answer = await api.v5(
      'POST',
      'users/cometchat-uid-2/auth_tokens',
      { ...app(), apiKey: emulator.authKey },
      device,
    )
    expect(answer).toMatchObject({ status: 200, data: { uid: 'cometchat-uid-2' } })
    const { authToken } = answer.data as { authToken: string }
    expect((await api.v5('PUT', 'me', { ...app(), authToken }, device)).status).toBe(200)
  })

  it('refuses the REST API key here, and the REST routes refuse the Auth Key', async () => {
    expect(
      await api.v5(
        'POST',
        'users/cometchat-uid-2/auth_tokens',
        { ...app(), apiKey: emulator.apiKey },
        device,
      ),
    ).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_APIKEY_NOT_FOUND' } })
    expect(
      await api.rest('POST', '/users/cometchat-uid-2/auth_tokens', undefined, {
        apiKey: emulator.authKey,
      }),
    ).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_APIKEY_NOT_FOUND' } })
  })

  it('refuses a missing key, an unknown uid and a deactivated user (ERR_UID_NOT_FOUND)', async () => {
    expect(await api.v5('POST', 'users/cometchat-uid-2/auth_tokens', app(), device)).toMatchObject({
      status: 401,
      error: { code: 'AUTH_ERR_EMPTY_APIKEY' },
    })
    const headers = { ...app(), apiKey: emulator.authKey }
    expect(await api.v5('POST', 'users/ghost/auth_tokens', headers, device)).toMatchObject({
      status: 404,
      error: { code: 'ERR_UID_NOT_FOUND' },
    })
    await api.rest('DELETE', '/users/cometchat-uid-3')
    expect(
      await api.v5('POST', 'users/cometchat-uid-3/auth_tokens', headers, device),
    ).toMatchObject({ status: 404, error: { code: 'ERR_UID_NOT_FOUND' } })
  })
})

describe('Calls SDK v5 call tokens: POST /v3.0/call_tokens', () => {
  it('answers a call token for the logged-in user’s token; refuses a bad one', async () => {
    const authToken = await mint()
    const answer = await api.v5('POST', 'call_tokens', { ...app(), authToken }, { sessionId: 's' })
    expect(answer).toMatchObject({ status: 200, data: { token: expect.any(String) } })
    expect(
      await api.v5('POST', 'call_tokens', { ...app(), authToken: 'x' }, { sessionId: 's' }),
    ).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } })
  })

  it('a double slash (an override ending with "/") finds no route: ERR_API_NOT_FOUND', async () => {
    const authToken = await mint()
    const answer = await fetch(`${emulator.sdkHosts.host}//call_tokens`, {
      method: 'POST',
      headers: { ...app(), authToken, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 's' }),
    })
    expect(answer.status).toBe(404)
    expect(await answer.json()).toMatchObject({ error: { code: 'ERR_API_NOT_FOUND' } })
  })
})
