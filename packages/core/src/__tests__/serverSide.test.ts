// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createFakeSdkV5 } from '../../test/fakeSdk.js'

describe('in Node / SSR', () => {
  it('imports and creates a session without touching window, and works with fetchToken', async () => {
    expect(typeof window).toBe('undefined')
    const { createCallsSession } = await import('../index.js')
    const session = createCallsSession({
      appId: 'app',
      region: 'us',
      sdk: createFakeSdkV5(),
      fetchToken: async () => ({ uid: 'alice', authToken: 'alice_1', expiresIn: 600 }),
    })
    const release = session.retain()
    expect(session.getState()).toEqual({ status: 'signed-out' })
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    release()
    session.destroy()
  })

  it('the dev entry refuses in production (NODE_ENV) before any request', async () => {
    const previous = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      const { createCallsSession } = await import('../index.js')
      const { loginWithAuthKey } = await import('../dev.js')
      const session = createCallsSession({
        appId: 'app',
        region: 'us',
        sdk: createFakeSdkV5(),
        fetchToken: async () => ({ uid: 'alice', authToken: 'alice_1' }),
      })
      await expect(
        loginWithAuthKey(session, { uid: 'alice', authKey: 'dev-auth-key' }),
      ).rejects.toMatchObject({
        code: 'AUTH_KEY_IN_PRODUCTION',
      })
      expect(session.getState()).toEqual({ status: 'signed-out' })
    } finally {
      process.env.NODE_ENV = previous
    }
  })

  it('rejects bad options with a clear TypeError', async () => {
    const { createCallsSession } = await import('../index.js')
    expect(() => createCallsSession({ appId: '', region: 'us', tokenEndpoint: '/t' })).toThrow(
      TypeError,
    )
    expect(() => createCallsSession({ appId: 'a', region: 'us' })).toThrow(
      /tokenEndpoint or fetchToken/,
    )
    expect(() =>
      createCallsSession({
        appId: 'a',
        region: 'us',
        tokenEndpoint: '/t',
        fetchToken: async () => ({ uid: 'a', authToken: 'a_1' }),
      }),
    ).toThrow(/tokenEndpoint or fetchToken/)
  })
})
