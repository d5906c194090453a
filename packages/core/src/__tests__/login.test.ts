import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Answer, type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'

// Sign-in, with the v5 model over HTTP against the emulator (and the real 4.2.6 package where
// named). What CometChat saw is read from the emulator's log, never from a fake.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  destroySessions()
  await cometchat.reset()
})

/** A token endpoint answer whose token CometChat no longer knows (minted, then revoked). */
const revokedGrant: Answer = async ({ mint }) => {
  const grant = await mint('alice')
  await cometchat.revokeTokens('alice')
  return HttpResponse.json(grant)
}

describe('login', () => {
  it('fetches a token with the cookies, inits the SDK once and logs in with loginWithAuthToken', async () => {
    const sdk = cometchat.createSdk()
    const init = vi.spyOn(sdk, 'init')
    const login = vi.spyOn(sdk, 'login')
    const { session, statuses } = openSession(cometchat, { sdk })
    const user = await session.login({ uid: 'alice' })
    expect(user).toMatchObject({ uid: 'alice', name: 'Alice' })
    expect(cometchat.requests).toEqual([{ reason: 'login', credentials: 'include' }])
    expect(init).toHaveBeenCalledTimes(1)
    const { appId, region, host, clientHost, adminHost } = cometchat.options
    expect(init).toHaveBeenCalledWith({ appId, region, host, clientHost, adminHost })
    expect(login).not.toHaveBeenCalled()
    expect(sdk.getUserAuthToken()).toBe(cometchat.issued[0])
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
    expect(statuses()).toEqual(['authenticating', 'authenticated'])
    const state = session.getState()
    expect(state.status === 'authenticated' && state.expiresAt).toBeGreaterThan(Date.now())
  })

  it('makes one token request and one SDK login for 20 concurrent logins', async () => {
    const sdk = cometchat.createSdk()
    const init = vi.spyOn(sdk, 'init')
    const { session } = openSession(cometchat, { sdk })
    const users = await Promise.all(
      Array.from({ length: 20 }, () => session.login({ uid: 'alice' })),
    )
    expect(new Set(users.map((u) => u.uid))).toEqual(new Set(['alice']))
    expect(cometchat.requests).toHaveLength(1)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
    expect(init).toHaveBeenCalledTimes(1)
  })

  it('reuses the session v5 restored for that uid: no token request, no PUT /me', async () => {
    await openSession(cometchat).session.login({ uid: 'alice' })
    cometchat.requests.length = 0
    const before = await cometchat.count('PUT /v3.0/me')
    const { session } = openSession(cometchat) // a reload: a new SDK object, the same storage
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({
      uid: 'alice',
      name: 'Alice',
    })
    expect(cometchat.requests).toHaveLength(0)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(before)
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })

  it('logs out a v5 session restored for another uid (DELETE /me) before logging in the asked one', async () => {
    cometchat.signIn('bob')
    await openSession(cometchat).session.login({ uid: 'bob' })
    cometchat.signIn('alice')
    const { session, sdk } = openSession(cometchat) // a reload: v5 restores bob
    await session.login({ uid: 'alice' })
    const wire = (await cometchat.wire()).filter((line) => line.endsWith('/me'))
    expect(wire).toEqual(['PUT /v3.0/me', 'DELETE /v3.0/me', 'PUT /v3.0/me'])
    expect(sdk.getLoggedInUser()?.uid).toBe('alice')
  })

  it('refuses a grant for another uid than the one expected, and never logs it in', async () => {
    cometchat.signIn('carol')
    const { session, sdk } = openSession(cometchat)
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'UID_MISMATCH' })
    expect(await cometchat.count('PUT /v3.0/me')).toBe(0)
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UID_MISMATCH' } })
  })

  it("refuses a grant whose token is another user's (CometChat says who it is), and signs the SDK out", async () => {
    cometchat.answerNext(async ({ mint }) =>
      HttpResponse.json({ ...(await mint('bob')), uid: 'alice', user: { uid: 'alice' } }),
    )
    const { session, sdk } = openSession(cometchat)
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'UID_MISMATCH' })
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UID_MISMATCH' } })
    expect(sdk.getLoggedInUser()).toBeNull()
  })

  it('treats uids as CometChat does: case-insensitive', async () => {
    const { session } = openSession(cometchat)
    await expect(session.login({ uid: 'Alice' })).resolves.toMatchObject({ uid: 'alice' })
  })

  it.each(['', 'a'.repeat(101), '../admin', 'al%2Fice', 'ålice', 'al ice'])(
    'rejects the invalid uid %j before any request (INVALID_UID)',
    async (uid) => {
      const { session } = openSession(cometchat)
      await expect(session.login({ uid })).rejects.toMatchObject({ code: 'INVALID_UID' })
      expect(cometchat.requests).toHaveLength(0)
      expect(await cometchat.wire()).toEqual([])
    },
  )

  it('logs in whoever the server says when no uid is given', async () => {
    cometchat.signIn('bob')
    const { session } = openSession(cometchat)
    await expect(session.login()).resolves.toMatchObject({ uid: 'bob' })
  })

  it('works with the real 4.2.6 SDK: CometChat verifies the token through call_tokens', async () => {
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(await cometchat.wire()).toEqual(['POST /calls/v3.0/call_tokens'])
    await expect(session.generateCallToken('room-1')).resolves.toMatch(/\S+/)
    expect(await cometchat.count('POST /calls/v3.0/call_tokens')).toBe(2)
  })

  it('maps an SDK init failure to SDK_INIT_FAILED with the SDK message, and can try again', async () => {
    const sdk = cometchat.createSdk()
    const init = vi.spyOn(sdk, 'init').mockResolvedValueOnce({
      success: false,
      error: { name: 'VALIDATION_ERROR', message: 'Invalid app settings: region', timestamp: 1 },
    })
    const { session } = openSession(cometchat, { sdk })
    const error = await session.login({ uid: 'alice' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      code: 'SDK_INIT_FAILED',
      message: 'Invalid app settings: region',
    })
    expect(await cometchat.count('PUT /v3.0/me')).toBe(0)
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(init).toHaveBeenCalledTimes(2)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
  })

  it('retries a refused fresh token once, then reports TOKEN_REJECTED without looping', async () => {
    cometchat.answerNext(revokedGrant, revokedGrant)
    const { session } = openSession(cometchat)
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'TOKEN_REJECTED' })
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(await cometchat.count('PUT /v3.0/me')).toBe(2)
  })

  it('recovers when only the first token was already revoked', async () => {
    cometchat.answerNext(revokedGrant)
    const { session, sdk } = openSession(cometchat)
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(sdk.getUserAuthToken()).toBe(cometchat.issued[1])
  })

  it('surfaces a 401 from the app server as UNAUTHORIZED, without retrying', async () => {
    cometchat.signIn(null)
    const { session } = openSession(cometchat)
    await expect(session.login()).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    expect(cometchat.requests).toHaveLength(1)
  })

  it('needs a session for call tokens', async () => {
    const { session } = openSession(cometchat)
    await expect(session.generateCallToken('room')).rejects.toMatchObject({
      code: 'NOT_AUTHENTICATED',
    })
    expect(await cometchat.wire()).toEqual([])
  })

  it("a grant's user profile cannot change the uid CometChat signed in", async () => {
    cometchat.answerNext(async ({ mint }) =>
      HttpResponse.json({ ...(await mint('alice')), user: { name: 'Alice A.' } }),
    )
    const { session } = openSession(cometchat)
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })
})
