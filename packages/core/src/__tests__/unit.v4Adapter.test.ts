import { describe, expect, it } from 'vitest'
import { CallsSessionError } from '../errors.js'
import type { Grant } from '../grant.js'
import type { SdkSettings } from '../sdk/sdkAdapter.js'
import type { CallAppSettingsBuilderLike, CometChatCallsV4 } from '../sdk/sdkTypes.js'
import { createV4Adapter, VERIFY_SESSION_ID } from '../sdk/v4Adapter.js'
import { SecretToken } from '../secretToken.js'

// The 4.x adapter at its boundary, on a stand-in for the 4.x `CometChatCalls` statics that records
// what the adapter asked of it (the real 4.2.6 package runs in realSdk.test.ts).

const settings = (hosts: SdkSettings['hosts'] = {}): SdkSettings => ({
  appId: 'app-1',
  region: 'eu',
  hosts,
  persistSdkSession: true,
})

const grantFor = (token: string): Grant => ({
  uid: 'alice',
  token: new SecretToken(token),
  user: { uid: 'alice', name: 'Alice' },
  expiresAt: undefined,
  receivedAt: 0,
})

/** A 4.x SDK stand-in; `withSetHost: false` plays a builder that has no `setHost`. */
function fakeV4({
  withSetHost = true,
  init = async () => undefined,
  generateToken = async (sessionId: string) => ({ token: `call-token-for-${sessionId}` }),
}: {
  withSetHost?: boolean
  init?: (settings: unknown) => Promise<unknown>
  generateToken?: (sessionId: string, authToken: string) => Promise<{ token: string }>
} = {}) {
  const built: Record<string, string>[] = []
  const calls: { sessionId: string; authToken: string }[] = []
  class Builder implements CallAppSettingsBuilderLike {
    readonly values: Record<string, string> = {}
    setAppId(appId: string) {
      this.values.appId = appId
      return this
    }
    setRegion(region: string) {
      this.values.region = region
      return this
    }
    build() {
      built.push({ ...this.values })
      return this.values
    }
  }
  class BuilderWithHost extends Builder {
    setHost(host: string) {
      this.values.host = host
      return this
    }
  }
  const sdk: CometChatCallsV4 = {
    CallAppSettingsBuilder: withSetHost ? BuilderWithHost : Builder,
    init,
    generateToken: (sessionId, authToken) => {
      calls.push({ sessionId, authToken })
      return generateToken(sessionId, authToken)
    },
  }
  return { sdk, built, calls }
}

describe('the 4.x adapter', () => {
  it('inits with the app id, region and the host with one trailing slash', async () => {
    const { sdk, built } = fakeV4()
    await createV4Adapter(sdk, settings({ host: 'https://calls.example.test/v3.0/' })).init()
    expect(built).toEqual([
      { appId: 'app-1', region: 'eu', host: 'https://calls.example.test/v3.0/' },
    ])
  })

  it('sets no host when none is given', async () => {
    const { sdk, built } = fakeV4()
    await createV4Adapter(sdk, settings()).init()
    expect(built).toEqual([{ appId: 'app-1', region: 'eu' }])
  })

  it('a 4.x builder without setHost still inits (with CometChat’s default host)', async () => {
    const { sdk, built } = fakeV4({ withSetHost: false })
    await createV4Adapter(sdk, settings({ host: 'https://calls.example.test' })).init()
    expect(built).toEqual([{ appId: 'app-1', region: 'eu' }])
  })

  it('a failing init is SDK_INIT_FAILED with the SDK’s message and the mapped error as cause', async () => {
    const { sdk } = fakeV4({
      init: () => Promise.reject({ code: 'INVALID_APP_ID', message: 'no such app' }),
    })
    const error = await createV4Adapter(sdk, settings())
      .init()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CallsSessionError)
    expect(error).toMatchObject({
      code: 'SDK_INIT_FAILED',
      message: 'INVALID_APP_ID: no such app',
      cause: { code: 'SDK_ERROR', message: 'INVALID_APP_ID: no such app' },
    })
  })

  it('login has CometChat verify the token with a call token for the verify session id', async () => {
    const { sdk, calls } = fakeV4()
    const grant = grantFor('alice_token')
    await expect(createV4Adapter(sdk, settings()).login(grant)).resolves.toEqual(grant.user)
    expect(VERIFY_SESSION_ID).toBe('callsession-verify')
    expect(calls).toEqual([{ sessionId: 'callsession-verify', authToken: 'alice_token' }])
  })

  it('holds no session of its own: restore() is null', () => {
    expect(createV4Adapter(fakeV4().sdk, settings()).restore()).toBeNull()
  })

  it('generateToken sends the grant’s token; without a grant it is NOT_AUTHENTICATED, no SDK call', async () => {
    const { sdk, calls } = fakeV4()
    const adapter = createV4Adapter(sdk, settings())
    await expect(adapter.generateToken('room', grantFor('tok-1'))).resolves.toBe(
      'call-token-for-room',
    )
    await expect(adapter.generateToken('room', undefined)).rejects.toMatchObject({
      name: 'CallsSessionError',
      code: 'NOT_AUTHENTICATED',
    })
    expect(calls).toEqual([{ sessionId: 'room', authToken: 'tok-1' }])
  })

  it('a token the SDK echoes in its error is redacted, even one not shaped like a CometChat token', async () => {
    const { sdk } = fakeV4({
      generateToken: (_sessionId, authToken) =>
        Promise.reject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `unknown ${authToken}` }),
    })
    const error = await createV4Adapter(sdk, settings())
      .generateToken('room', grantFor('plain-secret'))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'TOKEN_REJECTED',
      message: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND: unknown [redacted]',
    })
    expect(JSON.stringify({ error, cause: (error as Error).cause })).not.toContain('plain-secret')
  })
})
