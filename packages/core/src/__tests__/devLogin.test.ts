import { createCometChatCallsV5Model } from '@callsession/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import { loginWithAuthKey } from '../dev.js'
import type { CallsSession } from '../index.js'

// The development-only Auth-Key login, against the emulator over HTTP: the v5 model's own
// `login(uid, authKey)`, and for 4.2.6 (no login) the same Auth-Key step done by the dev entry.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  destroySessions()
  await cometchat.reset()
})

const authKey = () => cometchat.emulator.authKey
const authKeyStep = 'POST /v3.0/users/alice/auth_tokens'

describe('loginWithAuthKey (development only)', () => {
  it('with the v5 SDK, uses its own login(uid, authKey): the Auth-Key step, then PUT /me', async () => {
    const { session, sdk } = openSession(cometchat)
    await expect(
      loginWithAuthKey(session, { uid: 'alice', authKey: authKey() }),
    ).resolves.toMatchObject({
      uid: 'alice',
    })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(sdk.getLoggedInUser()?.uid).toBe('alice')
    const wire = (await cometchat.wire()).filter((line) => !line.endsWith('/user_sessions'))
    expect(wire).toEqual([authKeyStep, 'PUT /v3.0/me'])
    // The Auth Key replaced the token endpoint for the sign-in. (Core then takes the SDK's
    // session over like a restored one with no lifetime record: one background refresh.)
    expect(cometchat.requests.map((r) => r.reason)).not.toContain('login')
    expect(session.getState().status).toBe('authenticated')
  })

  it('v5: an Auth-Key sign-in is taken over as is: no background token request can sign it out', async () => {
    cometchat.signIn(null) // a dev setup with no app sign-in: the token endpoint answers 401
    const { session } = openSession(cometchat)
    await loginWithAuthKey(session, { uid: 'alice', authKey: authKey() })
    await cometchat.wire() // one round trip: anything started in the background has gone out
    expect(cometchat.requests).toHaveLength(0)
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })

  it('with the real 4.2.6 SDK, gets a token with the Auth Key and has CometChat verify it', async () => {
    const { session } = openSession(cometchat, {
      ...cometchat.realSdkV4(),
      adminHost: cometchat.emulator.sdkHosts.adminHost,
    })
    await loginWithAuthKey(session, { uid: 'alice', authKey: authKey() })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(await cometchat.wire()).toEqual([authKeyStep, 'POST /calls/v3.0/call_tokens'])
    expect(cometchat.requests).toHaveLength(0)
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
    // Afterwards the session's normal token source is back.
    await session.logout()
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(1)
  })

  it.each(['v5', 'v4'])(
    '%s: a wrong Auth Key is UNAUTHORIZED, the key is not in the error, and nobody is signed in',
    async (version) => {
      const { session } = openSession(
        cometchat,
        version === 'v5'
          ? {}
          : { ...cometchat.realSdkV4(), adminHost: cometchat.emulator.sdkHosts.adminHost },
      )
      const error = await loginWithAuthKey(session, {
        uid: 'alice',
        authKey: 'wrong-key-123',
      }).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'UNAUTHORIZED' })
      expect(String((error as Error).message)).not.toContain('wrong-key-123')
      expect(JSON.stringify(error)).not.toContain('wrong-key-123')
      expect(session.getState().status).not.toBe('authenticated')
      expect(await cometchat.count('PUT /v3.0/me')).toBe(0)
    },
  )

  it('validates its input before any request', async () => {
    const { session } = openSession(cometchat)
    await expect(loginWithAuthKey(session, { uid: '../x', authKey: 'k' })).rejects.toThrow(
      TypeError,
    )
    await expect(loginWithAuthKey(session, { uid: 'alice', authKey: '' })).rejects.toThrow(
      TypeError,
    )
    expect(await cometchat.wire()).toEqual([])
  })
})

describe('loginWithAuthKey: refusals before any request', () => {
  it('in a production build it refuses with AUTH_KEY_IN_PRODUCTION and sends nothing', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { session } = openSession(cometchat)
    const error = await loginWithAuthKey(session, { uid: 'alice', authKey: authKey() }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({
      code: 'AUTH_KEY_IN_PRODUCTION',
      message: 'Auth-Key login is for development only; use a token endpoint in production',
    })
    expect(await cometchat.wire()).toEqual([])
  })

  it('names what is wrong: the uid, a missing or non-string key, or an object that is no session', async () => {
    const { session } = openSession(cometchat)
    await expect(loginWithAuthKey(session, { uid: '../x', authKey: 'k' })).rejects.toThrow(
      new TypeError('loginWithAuthKey: not a valid CometChat uid'),
    )
    for (const bad of ['', 42 as unknown as string]) {
      await expect(loginWithAuthKey(session, { uid: 'alice', authKey: bad })).rejects.toThrow(
        new TypeError('loginWithAuthKey: authKey is required'),
      )
    }
    const notASession = {} as CallsSession
    await expect(
      loginWithAuthKey(notASession, { uid: 'alice', authKey: authKey() }),
    ).rejects.toThrow(new TypeError('loginWithAuthKey: not a session from createCallsSession'))
    expect(await cometchat.wire()).toEqual([])
  })
})

describe('loginWithAuthKey with v5: the user and the SDK’s saved session', () => {
  it('resolves the user as CometChat has it: name and avatar, and no empty avatar', async () => {
    await fetch(`${cometchat.emulator.restBaseUrl}/users`, {
      method: 'POST',
      headers: { apiKey: cometchat.emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: 'dave', name: 'Dave D.', avatar: 'https://img.test/dave.png' }),
    })
    const dave = openSession(cometchat)
    const user = { uid: 'dave', name: 'Dave D.', avatar: 'https://img.test/dave.png' }
    await expect(
      loginWithAuthKey(dave.session, { uid: 'dave', authKey: authKey() }),
    ).resolves.toEqual(user)
    expect(dave.session.getState()).toMatchObject({ status: 'authenticated', user })
    const alice = openSession(cometchat)
    await expect(
      loginWithAuthKey(alice.session, { uid: 'alice', authKey: authKey() }),
    ).resolves.toEqual({ uid: 'alice', name: 'Alice' })
  })

  it('with persistSdkSession: false no token is left at rest; by default the SDK keeps its user', async () => {
    const key = `${cometchat.emulator.appId}:common_store/user`
    const forgetful = openSession(cometchat, { persistSdkSession: false })
    await loginWithAuthKey(forgetful.session, { uid: 'alice', authKey: authKey() })
    expect(localStorage.getItem(key)).toBeNull()
    forgetful.session.destroy()
    await cometchat.reset()
    const keeping = openSession(cometchat)
    await loginWithAuthKey(keeping.session, { uid: 'alice', authKey: authKey() })
    expect(localStorage.getItem(key)).toContain('alice')
  })

  it('an SDK failure that is not about the key is passed on (network), with the SDK’s words', async () => {
    const offline: typeof fetch = async (input, init) => {
      if (String(input).includes('/auth_tokens')) throw new TypeError('Failed to fetch')
      return fetch(input, init)
    }
    const sdk = createCometChatCallsV5Model({ fetch: offline })
    const { session } = openSession(cometchat, { sdk })
    const error = await loginWithAuthKey(session, { uid: 'alice', authKey: authKey() }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({
      code: 'NETWORK_ERROR',
      message: 'Auth-Key login refused (ERROR_UNKNOWN: Login failed: Failed to fetch)',
      cause: { code: 'NETWORK_ERROR' },
    })
    expect(session.getState().status).not.toBe('authenticated')
  })

  it('any other SDK failure is UNAUTHORIZED, and a key the SDK echoes is redacted', async () => {
    const { session, sdk } = openSession(cometchat)
    const key = 'plain-key-42'
    vi.spyOn(sdk, 'login').mockRejectedValue({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: `unexpected answer for key ${key}`,
    })
    const error = await loginWithAuthKey(session, { uid: 'alice', authKey: key }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Auth-Key login refused (ERROR_UNKNOWN: unexpected answer for key [redacted])',
      cause: { code: 'SDK_ERROR' },
    })
    expect(JSON.stringify({ error, cause: (error as Error).cause })).not.toContain(key)
  })
})

describe('loginWithAuthKey with 4.2.6: the Auth-Key step', () => {
  const adminUrl = (appId: string, region: string) =>
    `https://${appId}.api-${region}.cometchat.io/v3.0/users/alice/auth_tokens`
  /** Answers the Auth-Key step at CometChat's own admin host; everything else goes on. */
  function adminAnswers(answer: (init: RequestInit | undefined) => Response | Promise<Response>) {
    const seen: { url: string; init: RequestInit | undefined }[] = []
    const original = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      if (!url.includes('.cometchat.io/')) return original(input, init)
      seen.push({ url, init })
      return Promise.resolve().then(() => answer(init))
    })
    return seen
  }
  /** 4.2.6 with no adminHost: the Auth-Key step goes to CometChat's own admin host. */
  const v4 = () => openSession(cometchat, { ...cometchat.realSdkV4(), adminHost: undefined })
  const login = (session: CallsSession) =>
    loginWithAuthKey(session, { uid: 'alice', authKey: 'the-key' }).catch((e: unknown) => e)

  it('posts to CometChat’s admin host for the app and region, with the key as apiKey', async () => {
    const seen = adminAnswers(() =>
      Response.json({ error: { code: 'ERR_APIKEY_NOT_FOUND' } }, { status: 401 }),
    )
    const { session } = v4()
    const { appId, region } = cometchat.realSdkV4()
    expect(await login(session)).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Auth-Key login refused (ERR_APIKEY_NOT_FOUND)',
      status: 401,
    })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.url).toBe(adminUrl(appId, region))
    expect(seen[0]?.init).toMatchObject({
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        appId,
        apiKey: 'the-key',
      },
    })
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({
      platform: 'web',
      deviceId: 'callsession-dev',
    })
    expect(session.getState().status).not.toBe('authenticated')
  })

  it.each([
    [403, { error: { code: 'ERR_FORBIDDEN' } }, 'UNAUTHORIZED', 'ERR_FORBIDDEN'],
    [404, {}, 'UNAUTHORIZED', '404'],
    [403, { data: { authToken: 'x' } }, 'UNAUTHORIZED', '403'],
    [500, {}, 'SDK_ERROR', '500'],
    [200, {}, 'SDK_ERROR', '200'],
  ])('an answer %i %j is %s', async (status, body, code, said) => {
    adminAnswers(() => Response.json(body, { status }))
    const { session } = v4()
    expect(await login(session)).toMatchObject({
      code,
      message: `Auth-Key login refused (${said})`,
      status,
    })
    expect(await cometchat.count('POST /calls/v3.0/call_tokens')).toBe(0)
  })

  it('an answer that is not JSON is SDK_ERROR with its status', async () => {
    adminAnswers(() => new Response('<html>bad gateway</html>', { status: 200 }))
    const { session } = v4()
    expect(await login(session)).toMatchObject({
      code: 'SDK_ERROR',
      message: 'Auth-Key login refused (200)',
    })
  })

  it('a network failure is retried with backoff, then NETWORK_ERROR with the failure as cause', async () => {
    const failure = new TypeError('fetch failed')
    const seen = adminAnswers(() => {
      throw failure
    })
    const { session } = v4()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const pending = login(session)
      await vi.runAllTimersAsync()
      const error = await pending
      expect(error).toMatchObject({ code: 'NETWORK_ERROR' })
      expect((error as Error).cause).toBe(failure)
      expect(seen).toHaveLength(4) // the first try and 3 retries
    } finally {
      vi.useRealTimers()
    }
  })

  it('an adminHost given with trailing slashes still reaches CometChat', async () => {
    const { session } = openSession(cometchat, {
      ...cometchat.realSdkV4(),
      adminHost: `${cometchat.emulator.sdkHosts.adminHost}//`,
    })
    await expect(
      loginWithAuthKey(session, { uid: 'alice', authKey: authKey() }),
    ).resolves.toMatchObject({ uid: 'alice' })
    expect(await cometchat.wire()).toEqual([authKeyStep, 'POST /calls/v3.0/call_tokens'])
  })

  it('a token the Auth-Key step issues for another user does not sign that user in', async () => {
    const bob = await cometchat.mintGrant('bob')
    adminAnswers(() => Response.json({ data: bob }))
    const { session } = v4()
    expect(await login(session)).toMatchObject({ code: 'UID_MISMATCH' })
    expect(session.getState().status).not.toBe('authenticated')
  })
})
