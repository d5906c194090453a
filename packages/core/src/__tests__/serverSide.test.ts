// @vitest-environment node
import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { createCometChatCallsV5Model } from '@callsession/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Importing core and signing in work where there is no window (SSR, Node): the v5 model over HTTP
// against the emulator, a `fetchToken` that mints real tokens the way an app server does.
let emulator: RunningEmulator
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
})
afterAll(() => emulator.close())

/** Every request the SDK sends, counted (no browser, no msw: Node's own fetch). */
function countingSdk() {
  const sent: string[] = []
  const sdk = createCometChatCallsV5Model({
    fetch: (input, init) => {
      sent.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
      return fetch(input, init)
    },
  })
  return { sdk, sent }
}

async function mint(uid: string) {
  const answer = await fetch(`${emulator.restBaseUrl}/users/${uid}/auth_tokens`, {
    method: 'POST',
    headers: { apiKey: emulator.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ force: true }),
  })
  const { data } = (await answer.json()) as { data: { authToken: string } }
  return { uid, authToken: data.authToken, expiresIn: 600 }
}

describe('in Node / SSR', () => {
  it('imports and creates a session without touching window, and signs in with fetchToken', async () => {
    expect(typeof window).toBe('undefined')
    expect(typeof localStorage).toBe('undefined')
    const { createCallsSession } = await import('../index.js')
    const { sdk, sent } = countingSdk()
    const session = createCallsSession({
      appId: emulator.appId,
      region: emulator.region,
      ...emulator.sdkHosts,
      sdk,
      fetchToken: () => mint('cometchat-uid-1'),
    })
    const release = session.retain()
    expect(session.getState()).toEqual({ status: 'signed-out' })
    await expect(session.login({ uid: 'cometchat-uid-1' })).resolves.toMatchObject({
      uid: 'cometchat-uid-1',
    })
    expect(sent.filter((line) => line.endsWith('/me'))).toEqual(['PUT /v3.0/me'])
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
    release()
    session.destroy()
  })

  it('the dev entry refuses in production (NODE_ENV) before any request', async () => {
    const previous = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      const { createCallsSession } = await import('../index.js')
      const { loginWithAuthKey } = await import('../dev.js')
      const { sdk, sent } = countingSdk()
      const session = createCallsSession({
        appId: emulator.appId,
        region: emulator.region,
        ...emulator.sdkHosts,
        sdk,
        fetchToken: () => mint('cometchat-uid-1'),
      })
      await expect(
        loginWithAuthKey(session, { uid: 'cometchat-uid-1', authKey: emulator.authKey }),
      ).rejects.toMatchObject({ code: 'AUTH_KEY_IN_PRODUCTION' })
      expect(session.getState()).toEqual({ status: 'signed-out' })
      expect(sent).toEqual([])
      expect(sdk.getLoggedInUser()).toBeNull()
      session.destroy()
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
      /exactly one of tokenEndpoint and fetchToken/,
    )
    expect(() =>
      createCallsSession({
        appId: 'a',
        region: 'us',
        tokenEndpoint: '/t',
        fetchToken: async () => ({ uid: 'a', authToken: 'a_1' }),
      }),
    ).toThrow(/exactly one of tokenEndpoint and fetchToken/)
    expect(() =>
      createCallsSession({ appId: 'a', region: 'us', tokenEndpoint: '/t', host: '' }),
    ).toThrow(/host must be a URL/)
  })
})
