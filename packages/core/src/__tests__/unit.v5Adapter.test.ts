import { describe, expect, it } from 'vitest'
import type { Grant } from '../grant.js'
import type { SdkSettings } from '../sdk/sdkAdapter.js'
import type { CometChatCallsV5, InitResultV5, SdkUser } from '../sdk/sdkTypes.js'
import { createV5Adapter } from '../sdk/v5Adapter.js'
import { SecretToken } from '../secretToken.js'

// The v5 adapter at its boundary, on a stand-in for the documented v5 statics
// (../shared/COMETCHAT.md, "Calls SDK v5"): init resolves `{ success }`, users carry `avatar: ''`
// when they have none, and logout rejects `{ errorCode, errorDescription }`.

const settings: SdkSettings = { appId: 'app-1', region: 'eu', hosts: {}, persistSdkSession: true }

const grant: Grant = {
  uid: 'alice',
  token: new SecretToken('alice_token'),
  user: { uid: 'alice', name: 'From the app server' },
  expiresAt: undefined,
  receivedAt: 0,
}

function fakeV5({
  init = async (): Promise<InitResultV5> => ({ success: true, error: null }),
  user = { uid: 'alice', name: 'Alice', avatar: '' } as SdkUser,
  logout = async (): Promise<unknown> => 'Logout successful',
}: {
  init?: () => Promise<InitResultV5 | undefined>
  user?: SdkUser
  logout?: () => Promise<unknown>
} = {}) {
  let loggedIn: SdkUser | null = null
  const sdk: CometChatCallsV5 = {
    init: init as CometChatCallsV5['init'],
    login: () => Promise.reject({ errorCode: 'ERROR_UNKNOWN', errorDescription: 'not used' }),
    loginWithAuthToken: async () => {
      loggedIn = user
      return user
    },
    logout,
    getLoggedInUser: () => loggedIn,
    generateToken: async () => ({ token: 'call-token' }),
  }
  return sdk
}

describe('the v5 adapter', () => {
  it('init that resolves { success: false } is SDK_INIT_FAILED with the SDK’s message', async () => {
    const sdk = fakeV5({
      init: async () => ({
        success: false,
        error: { name: 'VALIDATION_ERROR', message: 'region must be us, eu or in' },
      }),
    })
    await expect(createV5Adapter(sdk, settings).init()).rejects.toMatchObject({
      code: 'SDK_INIT_FAILED',
      message: 'region must be us, eu or in',
    })
  })

  it('init that resolves nothing, or no error, is SDK_INIT_FAILED with a message of its own', async () => {
    for (const answer of [undefined, { success: false } as unknown as InitResultV5]) {
      const sdk = fakeV5({ init: async () => answer })
      await expect(createV5Adapter(sdk, settings).init()).rejects.toMatchObject({
        name: 'CallsSessionError',
        code: 'SDK_INIT_FAILED',
        message: 'CometChatCalls.init failed',
      })
    }
  })

  it('login keeps the SDK’s name and avatar over the app server’s, and no empty avatar', async () => {
    const withAvatar = fakeV5({
      user: { uid: 'alice', name: 'Alice A.', avatar: 'https://a/1.png' },
    })
    const adapter = createV5Adapter(withAvatar, settings)
    await expect(adapter.login(grant)).resolves.toEqual({
      uid: 'alice',
      name: 'Alice A.',
      avatar: 'https://a/1.png',
    })
    expect(adapter.restore()).toEqual({ uid: 'alice', name: 'Alice A.', avatar: 'https://a/1.png' })

    const noAvatar = createV5Adapter(fakeV5(), settings)
    await expect(noAvatar.login(grant)).resolves.toEqual({ uid: 'alice', name: 'Alice' })
    expect(noAvatar.restore()).toEqual({ uid: 'alice', name: 'Alice' })
  })

  it('logout: nobody logged in (even if the SDK said otherwise a moment before) is not an error', async () => {
    const sdk = fakeV5({
      logout: () =>
        Promise.reject({ errorCode: 'ERROR_NO_USER_LOGGED_IN', errorDescription: 'no user' }),
    })
    const adapter = createV5Adapter(sdk, settings)
    await adapter.login(grant)
    await expect(adapter.logout()).resolves.toBeUndefined()
  })

  it('logout that fails leaves no token at rest when the SDK session is not to persist', async () => {
    const sdk = fakeV5({
      logout: () => Promise.reject({ errorCode: 'ERROR_UNKNOWN', errorDescription: 'boom' }),
    })
    const adapter = createV5Adapter(sdk, { ...settings, persistSdkSession: false })
    await adapter.login(grant)
    localStorage.setItem('app-1:common_store/user', '{"uid":"alice","authToken":"alice_token"}')
    await expect(adapter.logout()).rejects.toMatchObject({ code: 'SDK_ERROR' })
    expect(localStorage.getItem('app-1:common_store/user')).toBeNull()
  })

  it('logout: any other SDK failure is passed on, mapped', async () => {
    const sdk = fakeV5({
      logout: () => Promise.reject({ errorCode: 'ERROR_UNKNOWN', errorDescription: 'boom' }),
    })
    const adapter = createV5Adapter(sdk, settings)
    await adapter.login(grant)
    await expect(adapter.logout()).rejects.toMatchObject({
      name: 'CallsSessionError',
      code: 'SDK_ERROR',
      message: 'ERROR_UNKNOWN: boom',
    })
  })
})
