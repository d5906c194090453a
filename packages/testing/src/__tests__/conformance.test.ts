// @vitest-environment jsdom
// The model against the real emulator over HTTP, in jsdom (a real Web Storage and `window`).
// Each test names the COMETCHAT.md "Calls SDK v5" fact it checks.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { emulatorForTests, recordingFetch } from '../../test/emulatorHarness.js'
import { createCometChatCallsV5Model } from '../index.js'

let emu: Awaited<ReturnType<typeof emulatorForTests>>
beforeAll(async () => {
  emu = await emulatorForTests()
})
afterAll(() => emu.close())
beforeEach(async () => {
  await emu.reset()
  localStorage.clear()
})
afterEach(() => {
  delete (window as { CometChat?: unknown }).CometChat
})

const STORE_KEY = 'emulator-app:common_store/user'

/** A model initialised against the emulator, its requests recorded, the emulator log cleared. */
async function signedOutModel(deviceId = 'device-under-test') {
  const wire = recordingFetch()
  const model = createCometChatCallsV5Model({ fetch: wire.fetch, deviceId })
  expect(await model.init(emu.settings())).toEqual({ success: true, error: null })
  await emu.clearLog()
  return { model, wire }
}

async function signedInModel(uid = 'cometchat-uid-1') {
  const authToken = await emu.mint(uid)
  const { model, wire } = await signedOutModel()
  await model.loginWithAuthToken(authToken)
  // Let the fire-and-forget user_sessions land before the test starts counting.
  await settledRequests(2)
  await emu.clearLog()
  wire.sent.length = 0
  return { model, wire, authToken }
}

/** The log once the fire-and-forget `user_sessions` request (if any) has landed. */
async function settledRequests(expected: number) {
  await expect.poll(async () => (await emu.requests()).length).toBeGreaterThanOrEqual(expected)
  return emu.requests()
}

describe('init (fact: never rejects; plain settings; restores the saved user without network)', () => {
  it.each([
    ['no appId', { region: 'us' }],
    ['an unknown region', { appId: 'a', region: 'mars' }],
    ['a host that is not a string', { appId: 'a', region: 'us', host: 42 }],
    ['not an object', null],
  ])('resolves { success: false, VALIDATION_ERROR } for %s', async (_, settings) => {
    const model = createCometChatCallsV5Model()
    const result = await model.init(settings as never)
    expect(result).toMatchObject({
      success: false,
      error: {
        name: 'VALIDATION_ERROR',
        message: expect.stringMatching(/^Invalid app settings: /),
      },
    })
    expect(result.error?.timestamp).toEqual(expect.any(Number))
  })

  it('accepts the region in any case; before init every method refuses and the user is null', async () => {
    const model = createCometChatCallsV5Model()
    expect(model.getLoggedInUser()).toBeNull()
    expect(model.isUserLoggedIn()).toBe(false)
    await expect(model.loginWithAuthToken('t')).rejects.toEqual({
      errorCode: 'ERROR_SDK_NOT_INITIALIZED',
      errorDescription: expect.any(String),
    })
    await expect(model.generateToken('s', 't')).rejects.toMatchObject({
      errorCode: 'ERROR_SDK_NOT_INITIALIZED',
    })
    expect(await model.init({ ...emu.settings(), region: 'US' })).toEqual({
      success: true,
      error: null,
    })
  })
})

describe('loginWithAuthToken (fact: PUT {clientHost}/me with authToken, appId; body { platform, deviceId })', () => {
  it('token login costs exactly 1 PUT /me and no Auth-Key request, and resolves the v5 User', async () => {
    const authToken = await emu.mint()
    const { model, wire } = await signedOutModel()
    const user = await model.loginWithAuthToken(authToken)
    const requests = await settledRequests(2)
    expect(requests.filter((r) => r === 'PUT /v3.0/me')).toHaveLength(1)
    expect(requests.filter((r) => r.includes('auth_tokens'))).toEqual([])
    expect(requests).toEqual(['PUT /v3.0/me', 'POST /v3.0/user_sessions'])
    const put = wire.sent.find((r) => r.method === 'PUT')
    expect(put).toMatchObject({
      url: `${emu.emulator.sdkHosts.clientHost}/me`,
      headers: { authtoken: authToken, appid: 'emulator-app', 'content-type': 'application/json' },
      body: { platform: 'web', deviceId: 'device-under-test' },
    })
    expect(user).toEqual({
      uid: 'cometchat-uid-1',
      name: 'Andrew Joseph',
      authToken,
      status: 'online',
      avatar: expect.stringContaining('cometchat-uid-1'),
      lastActiveAt: expect.any(Number),
      role: 'default',
      hasBlockedMe: false,
      blockedByMe: false,
      wsChannel: { identity: expect.any(String) },
      jwt: expect.any(String),
    })
    expect(model.getLoggedInUser()).toEqual(user)
    expect(model.getUserAuthToken()).toBe(authToken)
    expect(model.isUserLoggedIn()).toBe(true)
  })

  it('saves the whole user, auth token included, in localStorage["{appId}:common_store/user"]', async () => {
    const { authToken } = await signedInModel()
    expect(JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null')).toMatchObject({
      uid: 'cometchat-uid-1',
      authToken,
    })
  })

  it('same token as the logged-in user → the cached user, no network', async () => {
    const { model, authToken } = await signedInModel()
    const user = await model.loginWithAuthToken(authToken)
    expect(user.uid).toBe('cometchat-uid-1')
    expect(await emu.requests()).toEqual([])
  })

  it('a different token → DELETE /me with the OLD token first, then PUT /me with the new one', async () => {
    const { model, wire, authToken: old } = await signedInModel('cometchat-uid-1')
    const next = await emu.mint('cometchat-uid-2')
    await emu.clearLog()
    const user = await model.loginWithAuthToken(next)
    expect(user.uid).toBe('cometchat-uid-2')
    const [first, second] = wire.sent
    expect(first).toMatchObject({ method: 'DELETE', headers: { authtoken: old } })
    expect(second).toMatchObject({ method: 'PUT', headers: { authtoken: next } })
    expect((await settledRequests(3)).slice(0, 2)).toEqual(['DELETE /v3.0/me', 'PUT /v3.0/me'])
  })

  it('the swap’s DELETE /me failing (old token revoked) is swallowed', async () => {
    const { model, authToken: old } = await signedInModel('cometchat-uid-1')
    await emu.revoke('cometchat-uid-1', old)
    const next = await emu.mint('cometchat-uid-2')
    await emu.clearLog()
    await expect(model.loginWithAuthToken(next)).resolves.toMatchObject({ uid: 'cometchat-uid-2' })
    expect((await settledRequests(2)).slice(0, 2)).toEqual(['DELETE /v3.0/me', 'PUT /v3.0/me'])
  })

  it('a revoked token → ERROR_UNKNOWN "Authentication failed: <server message>" (code dropped)', async () => {
    const authToken = await emu.mint()
    await emu.revoke('cometchat-uid-1', authToken)
    const { model } = await signedOutModel()
    const onLoginFailure = vi.fn()
    model.addLoginListener('l', { onLoginFailure })
    const error = {
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Authentication failed: The auth token does not exist or has expired.',
    }
    await expect(model.loginWithAuthToken(authToken)).rejects.toEqual(error)
    expect(onLoginFailure).toHaveBeenCalledWith(error)
    expect(model.getLoggedInUser()).toBeNull()
    expect(localStorage.getItem(STORE_KEY)).toBeNull()
  })

  it('a second login while one runs is rejected with ERROR_LOGIN_IN_PROGRESS, not queued', async () => {
    const [a, b] = [await emu.mint('cometchat-uid-1'), await emu.mint('cometchat-uid-2')]
    const { model } = await signedOutModel()
    const first = model.loginWithAuthToken(a)
    await expect(model.loginWithAuthToken(b)).rejects.toMatchObject({
      errorCode: 'ERROR_LOGIN_IN_PROGRESS',
    })
    await expect(model.login('cometchat-uid-3', 'emulator-auth-key')).rejects.toMatchObject({
      errorCode: 'ERROR_LOGIN_IN_PROGRESS',
    })
    expect((await first).uid).toBe('cometchat-uid-1')
    expect((await settledRequests(2)).filter((r) => r === 'PUT /v3.0/me')).toHaveLength(1)
  })

  it.each([
    ['', 'ERROR_BLANK_AUTHTOKEN'],
    ['   ', 'ERROR_BLANK_AUTHTOKEN'],
    ['abc def', 'ERROR_AUTHTOKEN_WITH_SPACE'],
  ])('refuses %j on the client with %s (no request)', async (token, errorCode) => {
    const { model } = await signedOutModel()
    await expect(model.loginWithAuthToken(token)).rejects.toMatchObject({ errorCode })
    expect(await emu.requests()).toEqual([])
  })

  it('an error body lacking devMessage or source → "Unknown API error format received from server"', async () => {
    const authToken = await emu.mint()
    const model = createCometChatCallsV5Model({
      fetch: async () =>
        Response.json(
          { error: { code: 'X', message: 'no devMessage, no source' } },
          { status: 401 },
        ),
    })
    await model.init(emu.settings())
    await expect(model.loginWithAuthToken(authToken)).rejects.toEqual({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Authentication failed: Unknown API error format received from server',
    })
  })

  it('a network failure is a server refusal too: ERROR_UNKNOWN "Authentication failed: …"', async () => {
    const model = createCometChatCallsV5Model()
    // Port 1 refuses connections on loopback: a real network error, no mock.
    await model.init({ ...emu.settings(), clientHost: 'http://127.0.0.1:1/v3.0' })
    await expect(model.loginWithAuthToken(await emu.mint())).rejects.toMatchObject({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: expect.stringMatching(/^Authentication failed: /),
    })
  })
})

describe('user_sessions telemetry (fact: fire-and-forget after login or restore when window.CometChat is absent)', () => {
  it('is not sent when the Chat SDK is on the page', async () => {
    ;(window as { CometChat?: unknown }).CometChat = {}
    const authToken = await emu.mint()
    const { model } = await signedOutModel()
    await model.loginWithAuthToken(authToken)
    await model.generateToken('after') // a later request: the log is in order
    expect(await emu.requests()).toEqual(['PUT /v3.0/me', 'POST /v3.0/call_tokens'])
  })
})

describe('reload (fact: init restores the saved user without asking the server)', () => {
  it('a new model on the same storage restores the user with 0 login or token requests', async () => {
    const { authToken } = await signedInModel()
    ;(window as { CometChat?: unknown }).CometChat = {} // no telemetry either: 0 requests at all
    const reloaded = createCometChatCallsV5Model()
    expect(reloaded.getLoggedInUser()).toBeNull()
    await reloaded.init(emu.settings())
    expect(reloaded.getLoggedInUser()).toMatchObject({ uid: 'cometchat-uid-1', authToken })
    expect(reloaded.getUserAuthToken()).toBe(authToken)
    expect(await emu.requests()).toEqual([])
  })

  it('without the Chat SDK the restore sends only user_sessions (still no login request)', async () => {
    await signedInModel()
    const reloaded = createCometChatCallsV5Model()
    await reloaded.init(emu.settings())
    expect(await settledRequests(1)).toEqual(['POST /v3.0/user_sessions'])
  })

  it('a token revoked while the page was closed shows up only at the next server call', async () => {
    const { authToken } = await signedInModel()
    await emu.revoke('cometchat-uid-1', authToken)
    const reloaded = createCometChatCallsV5Model()
    await reloaded.init(emu.settings())
    expect(reloaded.isUserLoggedIn()).toBe(true)
    await expect(reloaded.generateToken('room')).rejects.toEqual({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Token generation failed: The auth token does not exist or has expired.',
    })
  })

  it('a second init with another appId keeps the first app’s user (one set of statics per page)', async () => {
    const { model, authToken } = await signedInModel()
    await model.init({ ...emu.settings(), appId: 'other-app' })
    expect(model.getUserAuthToken()).toBe(authToken)
    await expect(model.generateToken('room')).rejects.toMatchObject({
      errorDescription: 'Token generation failed: The appId other-app is not this app.',
    })
  })

  it('a storage that refuses writes (quota) does not fail the login; nothing survives a reload', async () => {
    // Fill jsdom's real localStorage to its quota so the SDK's write throws QuotaExceededError.
    let filler = 0
    for (let size = 1_000_000; size >= 1; size = Math.floor(size / 10)) {
      try {
        for (;;) localStorage.setItem(`f${filler++}`, 'x'.repeat(size))
      } catch {
        // full at this size: go on with smaller pieces
      }
    }
    const { model } = await signedOutModel()
    await expect(model.loginWithAuthToken(await emu.mint())).resolves.toMatchObject({
      uid: 'cometchat-uid-1',
    })
    expect(localStorage.getItem(STORE_KEY)).toBeNull()
    const reloaded = createCometChatCallsV5Model()
    await reloaded.init(emu.settings())
    expect(reloaded.getLoggedInUser()).toBeNull()
  })
})

describe('generateToken (fact: POST {host}/call_tokens with authToken, appId; body { sessionId })', () => {
  it('sends POST /call_tokens with the logged-in user’s token and resolves { token }', async () => {
    const { model, wire, authToken } = await signedInModel()
    const { token } = await model.generateToken('room-1')
    expect(token.split('.')).toHaveLength(3)
    expect(await emu.requests()).toEqual(['POST /v3.0/call_tokens'])
    expect(wire.sent[0]).toMatchObject({
      url: `${emu.emulator.sdkHosts.host}/call_tokens`,
      headers: { authtoken: authToken, appid: 'emulator-app' },
      body: { sessionId: 'room-1' },
    })
  })

  it('uses a given token instead; refuses a missing session id or token on the client', async () => {
    const { model } = await signedOutModel()
    await expect(model.generateToken('room', await emu.mint('cometchat-uid-4'))).resolves.toEqual({
      token: expect.any(String),
    })
    await expect(model.generateToken('room')).rejects.toMatchObject({
      errorCode: 'ERROR_AUTH_TOKEN_MISSING',
    })
    await expect(model.generateToken('', 'token')).rejects.toMatchObject({
      errorCode: 'ERROR_SESSION_ID_MISSING',
    })
  })

  it('an override ending with "/" sends to "//call_tokens" and fails like the real SDK', async () => {
    const authToken = await emu.mint()
    const model = createCometChatCallsV5Model()
    await model.init({ ...emu.settings(), host: `${emu.emulator.sdkHosts.host}/` })
    await emu.clearLog()
    await expect(model.generateToken('room', authToken)).rejects.toEqual({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Token generation failed: No route POST /v3.0//call_tokens.',
    })
    expect(await emu.requests()).toEqual(['POST /v3.0//call_tokens'])
  })
})

describe('logout (fact: DELETE {clientHost}/me; rejects ERROR_NO_USER_LOGGED_IN with nobody logged in)', () => {
  it('sends DELETE /me, removes the saved user and resolves "Logout successful"', async () => {
    const { model, wire, authToken } = await signedInModel()
    const onLogoutSuccess = vi.fn()
    model.addLoginListener('l', { onLogoutSuccess })
    await expect(model.logout()).resolves.toBe('Logout successful')
    expect(await emu.requests()).toEqual(['DELETE /v3.0/me'])
    expect(wire.sent[0]).toMatchObject({ headers: { authtoken: authToken, appid: 'emulator-app' } })
    expect(localStorage.getItem(STORE_KEY)).toBeNull()
    expect(model.getLoggedInUser()).toBeNull()
    expect(onLogoutSuccess).toHaveBeenCalledOnce()
  })

  it('rejects ERROR_NO_USER_LOGGED_IN when nobody is logged in', async () => {
    const { model } = await signedOutModel()
    const onLogoutFailure = vi.fn()
    model.addLoginListener('l', { onLogoutFailure })
    await expect(model.logout()).rejects.toMatchObject({ errorCode: 'ERROR_NO_USER_LOGGED_IN' })
    expect(onLogoutFailure).toHaveBeenCalledOnce()
    expect(await emu.requests()).toEqual([])
  })

  it('a failing DELETE /me (revoked token) is ignored: logout still succeeds', async () => {
    const { model, authToken } = await signedInModel()
    await emu.revoke('cometchat-uid-1', authToken)
    await expect(model.logout()).resolves.toBe('Logout successful')
  })
})

describe('login(uid, authKey) (fact: POST {adminHost}/users/{uid}/auth_tokens, Auth Key in apiKey, then token login)', () => {
  it('sends the Auth-Key step then exactly one PUT /me', async () => {
    const { model, wire } = await signedOutModel()
    const user = await model.login('cometchat-uid-2', emu.emulator.authKey)
    expect(user).toMatchObject({ uid: 'cometchat-uid-2', authToken: expect.any(String) })
    expect((await settledRequests(3)).slice(0, 2)).toEqual([
      'POST /v3.0/users/cometchat-uid-2/auth_tokens',
      'PUT /v3.0/me',
    ])
    expect(wire.sent[0]).toMatchObject({
      url: `${emu.emulator.sdkHosts.adminHost}/users/cometchat-uid-2/auth_tokens`,
      headers: { apikey: emu.emulator.authKey, appid: 'emulator-app' },
      body: { platform: 'web', deviceId: 'device-under-test' },
    })
  })

  it('takes the key from init({ authKey }); same uid again → cached, no network', async () => {
    const model = createCometChatCallsV5Model()
    await model.init({ ...emu.settings(), authKey: emu.emulator.authKey })
    await model.login('cometchat-uid-3')
    await settledRequests(3)
    await emu.clearLog()
    await expect(model.login('cometchat-uid-3')).resolves.toMatchObject({ uid: 'cometchat-uid-3' })
    expect(await emu.requests()).toEqual([])
  })

  it('a wrong key or unknown uid → ERROR_UNKNOWN "Login failed: <server message>"', async () => {
    const { model } = await signedOutModel()
    await expect(model.login('cometchat-uid-2', 'wrong')).rejects.toEqual({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Login failed: The Auth Key is not valid for this app.',
    })
    await expect(model.login('ghost', emu.emulator.authKey)).rejects.toEqual({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Login failed: The uid ghost does not exist.',
    })
  })

  it.each([
    ['', 'emulator-auth-key', 'ERROR_INVALID_UID'],
    ['has space', 'emulator-auth-key', 'ERROR_UID_WITH_SPACE'],
    ['cometchat-uid-1', undefined, 'ERROR_API_KEY_NOT_FOUND'],
  ])('login(%j, %j) is refused on the client with %s', async (uid, key, errorCode) => {
    const { model } = await signedOutModel()
    await expect(model.login(uid, key)).rejects.toMatchObject({ errorCode })
    expect(await emu.requests()).toEqual([])
  })

  it('the seed’s login(authToken) without an Auth Key fails with ERROR_API_KEY_NOT_FOUND', async () => {
    const { model } = await signedOutModel()
    await expect(model.login(await emu.mint())).rejects.toMatchObject({
      errorCode: 'ERROR_API_KEY_NOT_FOUND',
    })
  })
})

describe('the rest of the surface', () => {
  it('the deprecated builder sets appId, region and host only: /me goes to the default apiclient host', async () => {
    const requested: string[] = []
    const model = createCometChatCallsV5Model({
      fetch: async (input) => {
        requested.push(String(input))
        throw new TypeError('offline')
      },
    })
    const built = new model.CallAppSettingsBuilder()
      .setAppId('emulator-app')
      .setRegion('eu')
      .setHost(emu.emulator.sdkHosts.host)
      .build()
    expect(await model.init(built)).toEqual({ success: true, error: null })
    await expect(model.loginWithAuthToken('tok')).rejects.toEqual({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Authentication failed: offline',
    })
    await expect(model.generateToken('room', 'tok')).rejects.toMatchObject({
      errorCode: 'ERROR_UNKNOWN',
    })
    expect(requested).toEqual([
      'https://emulator-app.apiclient-eu.cometchat.io/v3.0/me',
      `${emu.emulator.sdkHosts.host}/call_tokens`,
    ])
  })

  it('looks fetch up at call time (default globalThis.fetch) and listeners can be removed', async () => {
    const model = createCometChatCallsV5Model()
    await model.init(emu.settings())
    const spy = vi.spyOn(globalThis, 'fetch')
    const onLoginSuccess = vi.fn()
    model.addLoginListener('a', { onLoginSuccess })
    model.addLoginListener('b', { onLoginSuccess })
    model.removeLoginListener('b')
    await model.loginWithAuthToken(await emu.mint())
    expect(spy).toHaveBeenCalledWith(`${emu.emulator.sdkHosts.clientHost}/me`, expect.anything())
    expect(onLoginSuccess).toHaveBeenCalledOnce()
  })

  it('joinSession rejects: the model runs no media', async () => {
    const { model } = await signedInModel()
    await expect(model.joinSession('call-token', {}, document.body)).rejects.toMatchObject({
      errorCode: 'MODEL_NO_MEDIA',
    })
  })
})
