import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import { loginWithAuthKey } from '../dev.js'

// The development-only Auth-Key login, against the emulator over HTTP: the v5 model's own
// `login(uid, authKey)`, and for 4.2.6 (no login) the same Auth-Key step done by the dev entry.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
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
