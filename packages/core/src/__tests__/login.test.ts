import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakeSdkV4, createFakeSdkV5 } from '../../test/fakeSdk.js'
import { createTokenServer, TOKEN_URL } from '../../test/tokenServer.js'
import { type CallsSession, type CallsSessionState, createCallsSession } from '../index.js'

const tokens = createTokenServer()
beforeAll(() => tokens.listen())
afterAll(() => tokens.close())
const sessions: CallsSession[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.destroy()
  tokens.reset()
})

function open(
  sdk: ReturnType<typeof createFakeSdkV5> | ReturnType<typeof createFakeSdkV4> = createFakeSdkV5(),
) {
  const session = createCallsSession({ appId: 'app', region: 'us', tokenEndpoint: TOKEN_URL, sdk })
  sessions.push(session)
  const states: CallsSessionState[] = []
  session.subscribe((state) => states.push(state))
  return { session, sdk, states }
}

describe('login', () => {
  it('fetches a token with the cookies, inits the SDK once and logs in', async () => {
    const { session, sdk, states } = open()
    const user = await session.login({ uid: 'alice' })
    expect(user).toEqual({ uid: 'alice', name: 'Alice' })
    expect(tokens.requests).toEqual([{ reason: 'login', credentials: 'include', method: 'POST' }])
    expect(sdk.fake.calls).toMatchObject({ init: 1, login: 1 })
    expect(sdk.fake.inits).toEqual([{ appId: 'app', region: 'us' }])
    expect(states.map((s) => s.status)).toEqual(['authenticating', 'authenticated'])
    const state = session.getState()
    expect(state.status === 'authenticated' && state.expiresAt).toBeGreaterThan(Date.now())
  })

  it('makes one token request and one SDK login for 20 concurrent logins', async () => {
    const { session, sdk } = open()
    const users = await Promise.all(
      Array.from({ length: 20 }, () => session.login({ uid: 'alice' })),
    )
    expect(new Set(users.map((u) => u.uid))).toEqual(new Set(['alice']))
    expect(tokens.requests).toHaveLength(1)
    expect(sdk.fake.calls.login).toBe(1)
    expect(sdk.fake.calls.init).toBe(1)
  })

  it('reuses the session a v5 SDK already holds for that uid, with no network at all', async () => {
    const { session, sdk } = open(
      createFakeSdkV5({ loggedInUser: { uid: 'alice', name: 'Alice' } }),
    )
    await expect(session.login({ uid: 'alice' })).resolves.toEqual({ uid: 'alice', name: 'Alice' })
    expect(tokens.requests).toHaveLength(0)
    expect(sdk.fake.calls.login).toBeUndefined()
    expect(session.getState()).toEqual({
      status: 'authenticated',
      user: { uid: 'alice', name: 'Alice' },
    })
  })

  it('logs out a v5 session of another uid before logging in the asked one', async () => {
    const { session, sdk } = open(createFakeSdkV5({ loggedInUser: { uid: 'bob' } }))
    await session.login({ uid: 'alice' })
    expect(sdk.fake.calls.logout).toBe(1)
    expect(sdk.fake.loggedInUser()?.uid).toBe('alice')
  })

  it('refuses a grant for another uid than the one expected, and never logs it in', async () => {
    tokens.signIn('mallory')
    const { session, sdk } = open()
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'UID_MISMATCH' })
    expect(sdk.fake.calls.login).toBeUndefined()
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UID_MISMATCH' } })
  })

  it('treats uids as CometChat does: case-insensitive', async () => {
    const { session } = open()
    await expect(session.login({ uid: 'Alice' })).resolves.toMatchObject({ uid: 'alice' })
  })

  it.each(['', 'a'.repeat(101), '../admin', 'al%2Fice', 'ålice', 'al ice'])(
    'rejects the invalid uid %j before any request',
    async (uid) => {
      const { session } = open()
      await expect(session.login({ uid })).rejects.toMatchObject({ code: 'UID_MISMATCH' })
      expect(tokens.requests).toHaveLength(0)
    },
  )

  it('logs in whoever the server says when no uid is given', async () => {
    tokens.signIn('bob')
    const { session } = open()
    await expect(session.login()).resolves.toMatchObject({ uid: 'bob' })
  })

  it('works with the 4.x SDK: CometChat verifies the token through generateToken', async () => {
    const sdk = createFakeSdkV4()
    const { session } = open(sdk)
    await session.login({ uid: 'alice' })
    expect(sdk.fake.calls.generateToken).toBe(1)
    expect(sdk.fake.tokensSeen).toEqual(['alice_1'])
    await expect(session.generateCallToken('room-1')).resolves.toBe('call_room-1')
    expect(sdk.fake.tokensSeen).toEqual(['alice_1', 'alice_1'])
  })

  it('maps an SDK init failure to SDK_INIT_FAILED and can try again', async () => {
    const { session, sdk } = open()
    sdk.fake.failNextInit(new Error('bad region'))
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'SDK_INIT_FAILED' })
    expect(tokens.requests).toHaveLength(0)
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(sdk.fake.calls.init).toBe(2)
  })

  it('retries a rejected fresh token once, then reports TOKEN_REJECTED without looping', async () => {
    const { session, sdk } = open()
    sdk.fake.revoke()
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'TOKEN_REJECTED' })
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(sdk.fake.calls.login).toBe(2)
  })

  it('recovers when only the first token was already revoked', async () => {
    const { session, sdk } = open()
    sdk.fake.revoke('alice_1')
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
  })

  it('surfaces a 401 from the app server as UNAUTHORIZED, without retrying', async () => {
    tokens.signIn(null)
    const { session } = open()
    await expect(session.login()).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    expect(tokens.requests).toHaveLength(1)
  })

  it('needs a session for call tokens', async () => {
    const { session } = open()
    await expect(session.generateCallToken('room')).rejects.toMatchObject({
      code: 'NOT_AUTHENTICATED',
    })
  })

  it('answers the token endpoint once with a user profile that overrides nothing it should not', async () => {
    tokens.answerNext(() =>
      HttpResponse.json({ uid: 'alice', authToken: 'alice_x', user: { name: 'Alice A.' } }),
    )
    const { session } = open()
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })
})
