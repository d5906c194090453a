import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakeSdkV4, createFakeSdkV5 } from '../../test/fakeSdk.js'
import { openSession } from '../../test/openSession.js'
import { loginWithAuthKey } from '../dev.js'

const HOST = 'http://cometchat.test/calls/v3.0/'
const requests: { uid: string | undefined; appId: string | null; authKey: string | null }[] = []
const cometchat = setupServer(
  http.post(`${HOST}users/:uid/auth_tokens`, ({ request, params }) => {
    const appId = request.headers.get('appId')
    const authKey = request.headers.get('authKey')
    requests.push({ uid: params.uid as string, appId, authKey })
    if (authKey !== 'dev-auth-key') {
      return HttpResponse.json({ error: { code: 'AUTH_ERR_AUTH_KEY_NOT_FOUND' } }, { status: 401 })
    }
    return HttpResponse.json({
      data: { uid: params.uid, authToken: `${params.uid}_dev`, createdAt: 1 },
    })
  }),
)
beforeAll(() => cometchat.listen({ onUnhandledRequest: 'error' }))
afterAll(() => cometchat.close())
afterEach(() => {
  requests.length = 0
})

describe('loginWithAuthKey (development only)', () => {
  it('with the v5 SDK, uses its own login(uid, authKey)', async () => {
    const sdk = createFakeSdkV5()
    const { session } = openSession({ sdk, host: HOST })
    await expect(
      loginWithAuthKey(session, { uid: 'alice', authKey: 'dev-auth-key' }),
    ).resolves.toMatchObject({
      uid: 'alice',
    })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(requests).toHaveLength(0)
  })

  it('with the 4.x SDK, gets a token with the Auth Key and has CometChat verify it', async () => {
    const sdk = createFakeSdkV4()
    const { session } = openSession({ sdk, host: HOST })
    await loginWithAuthKey(session, { uid: 'alice', authKey: 'dev-auth-key' })
    expect(requests).toEqual([{ uid: 'alice', appId: 'app', authKey: 'dev-auth-key' }])
    expect(sdk.fake.tokensSeen).toEqual(['alice_dev'])
    await expect(session.generateCallToken('room')).resolves.toBe('call_room')
  })

  it('a wrong Auth Key is UNAUTHORIZED and the key is not in the error', async () => {
    const { session } = openSession({ sdk: createFakeSdkV4(), host: HOST })
    const error = await loginWithAuthKey(session, { uid: 'alice', authKey: 'wrong-key-123' }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(String((error as Error).message)).not.toContain('wrong-key-123')
    expect(session.getState().status).toBe('error')
  })

  it('validates its input', async () => {
    const { session } = openSession({ sdk: createFakeSdkV4(), host: HOST })
    await expect(loginWithAuthKey(session, { uid: '../x', authKey: 'k' })).rejects.toThrow(
      TypeError,
    )
    await expect(loginWithAuthKey(session, { uid: 'alice', authKey: '' })).rejects.toThrow(
      TypeError,
    )
  })
})
