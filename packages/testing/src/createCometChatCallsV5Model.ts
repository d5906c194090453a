import { CallAppSettingsBuilder } from './callAppSettingsBuilder.js'
import { serverCall } from './serverCall.js'
import type {
  CometChatCallsV5Error,
  CometChatCallsV5ErrorCode,
  CometChatCallsV5LoginListener,
  CometChatCallsV5Model,
  CometChatCallsV5ModelOptions,
  CometChatCallsV5Settings,
  CometChatCallsV5User,
} from './types.js'
import { validateSettings } from './validateSettings.js'

type Kind = 'call' | 'apiclient' | 'api'
const HOST_SETTING = { call: 'host', apiclient: 'clientHost', api: 'adminHost' } as const

const fail = (errorCode: CometChatCallsV5ErrorCode, errorDescription: string) =>
  Promise.reject<never>({ errorCode, errorDescription } satisfies CometChatCallsV5Error)

const hasSpace = (value: string) => /\s/.test(value)

/**
 * A faithful model of `CometChatCalls` v5 for tests: the same static surface, the same requests
 * (URLs, header names, bodies), the same errors and the same localStorage persistence as the real
 * SDK, per /work/shared/COMETCHAT.md "Calls SDK v5". Point it at `@callsession/emulator` with
 * `init({ appId, region, ...emulator.sdkHosts })`. Every behaviour and the fact it follows are
 * listed in this package's README. One model plays one page's SDK (its statics): create one per
 * simulated page load, sharing the `storage` to model a reload.
 * @example const CometChatCalls = createCometChatCallsV5Model()
 */
export function createCometChatCallsV5Model(
  options: CometChatCallsV5ModelOptions = {},
): CometChatCallsV5Model {
  const deviceId = options.deviceId ?? randomId()
  const fetchImpl: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init)
  const storage = (): Storage | undefined => options.storage ?? globalThis.localStorage
  const listeners = new Map<string, CometChatCallsV5LoginListener>()
  const reported = new Set<string>()
  let settings: (CometChatCallsV5Settings & { region: string }) | undefined
  let user: CometChatCallsV5User | null = null
  let loginInProgress = false

  const base = (kind: Kind) =>
    settings?.[HOST_SETTING[kind]] ??
    `https://${settings?.appId}.${kind}-${settings?.region}.cometchat.io/v3.0`
  // Literally `${base}/${endpoint}`: an override ending with "/" gives "//", as in the real SDK.
  const url = (kind: Kind, endpoint: string) => `${base(kind)}/${endpoint}`
  const storeKey = () => `${settings?.appId}:common_store/user`
  const device = () => JSON.stringify({ platform: 'web', deviceId })

  const notify = <K extends keyof CometChatCallsV5LoginListener>(
    event: K,
    ...args: Parameters<NonNullable<CometChatCallsV5LoginListener[K]>>
  ) => {
    for (const listener of listeners.values()) {
      try {
        ;(listener[event] as ((...a: typeof args) => void) | undefined)?.(...args)
      } catch {
        // A throwing listener must not break the SDK's own flow.
      }
    }
  }

  // Unconfirmed whether v5 lets a storage failure (quota, disabled storage) reject a login; the
  // model swallows it, so the session lives in memory only, and documents the choice.
  const saveUser = (value: CometChatCallsV5User) => {
    try {
      storage()?.setItem(storeKey(), JSON.stringify(value))
    } catch {}
  }
  const clearSavedUser = () => {
    try {
      storage()?.removeItem(storeKey())
    } catch {}
  }
  const savedUser = (): CometChatCallsV5User | null => {
    try {
      const text = storage()?.getItem(storeKey())
      const value: unknown = text ? JSON.parse(text) : null
      const candidate = value as Partial<CometChatCallsV5User> | null
      return typeof candidate?.uid === 'string' && typeof candidate.authToken === 'string'
        ? (candidate as CometChatCallsV5User)
        : null
    } catch {
      return null
    }
  }

  // Fire-and-forget, deduped, errors swallowed; only when the Chat SDK (window.CometChat) is absent.
  const reportSession = (authToken: string) => {
    if ((globalThis as { CometChat?: unknown }).CometChat !== undefined) return
    if (reported.has(authToken) || !settings) return
    reported.add(authToken)
    const { appId } = settings
    void fetchImpl(url('apiclient', 'user_sessions'), {
      method: 'POST',
      headers: { authToken, appId, 'Content-Type': 'application/json' },
      body: device(),
    })
      .then((response) => response.body?.cancel())
      .catch(() => {})
  }

  // Internal logout before another token logs in: DELETE /me with the OLD token, errors swallowed.
  const logoutInternal = async () => {
    const previous = user
    user = null
    clearSavedUser()
    if (!previous?.authToken || !settings) return
    await serverCall(fetchImpl, url('apiclient', 'me'), {
      method: 'DELETE',
      headers: { authToken: previous.authToken, appId: settings.appId },
    })
  }

  const authenticateWithToken = async (authToken: string): Promise<CometChatCallsV5User> => {
    if (user && user.authToken === authToken) return user
    if (user) await logoutInternal()
    const appId = settings?.appId ?? ''
    const answer = await serverCall(fetchImpl, url('apiclient', 'me'), {
      method: 'PUT',
      headers: { authToken, appId, 'Content-Type': 'application/json' },
      body: device(),
    })
    if (!answer.ok) {
      const error: CometChatCallsV5Error = {
        errorCode: 'ERROR_UNKNOWN',
        errorDescription: `Authentication failed: ${answer.message}`,
      }
      notify('onLoginFailure', error)
      throw error
    }
    user = toUser(answer.data, authToken)
    saveUser(user)
    notify('onLoginSuccess', user)
    reportSession(authToken)
    return user
  }

  /** Runs one login at a time: a second one is rejected, not queued. */
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    if (loginInProgress) {
      return fail('ERROR_LOGIN_IN_PROGRESS', 'A login is already in progress.')
    }
    loginInProgress = true
    try {
      return await run()
    } finally {
      loginInProgress = false
    }
  }

  const notInitialized = () =>
    fail('ERROR_SDK_NOT_INITIALIZED', 'Please call CometChatCalls.init() before this method.')

  return {
    CallAppSettingsBuilder,

    async init(input) {
      const checked = validateSettings(input)
      if (!checked.ok) return checked.result
      settings = checked.settings
      // A saved user replaces the one in memory; none saved leaves it (the SDK is one set of
      // statics per page: a second init with another appId keeps the first app's user).
      const saved = savedUser()
      if (saved) user = saved
      if (saved?.authToken) reportSession(saved.authToken)
      return { success: true, error: null }
    },

    login(uid, authKey) {
      if (!settings) return notInitialized()
      if (typeof uid !== 'string' || uid.trim() === '')
        return fail('ERROR_INVALID_UID', 'The uid is not valid.')
      if (hasSpace(uid)) return fail('ERROR_UID_WITH_SPACE', 'The uid must not contain spaces.')
      const key = authKey ?? settings.authKey
      if (!key) {
        return fail(
          'ERROR_API_KEY_NOT_FOUND',
          'An Auth Key is required: pass it to login() or init({ authKey }).',
        )
      }
      if (user && user.uid === uid) return Promise.resolve(user)
      const { appId } = settings
      return exclusive(async () => {
        const answer = await serverCall(fetchImpl, url('api', `users/${uid}/auth_tokens`), {
          method: 'POST',
          headers: { apiKey: key, appId, 'Content-Type': 'application/json' },
          body: device(),
        })
        const authToken = answer.ok ? answer.data.authToken : undefined
        if (typeof authToken !== 'string') {
          const error: CometChatCallsV5Error = {
            errorCode: 'ERROR_UNKNOWN',
            errorDescription: `Login failed: ${answer.ok ? 'no auth token in the answer' : answer.message}`,
          }
          notify('onLoginFailure', error)
          throw error
        }
        return authenticateWithToken(authToken)
      })
    },

    loginWithAuthToken(authToken) {
      if (!settings) return notInitialized()
      if (typeof authToken !== 'string' || authToken.trim() === '')
        return fail('ERROR_BLANK_AUTHTOKEN', 'The auth token is blank.')
      if (hasSpace(authToken))
        return fail('ERROR_AUTHTOKEN_WITH_SPACE', 'The auth token must not contain spaces.')
      if (user && user.authToken === authToken) return Promise.resolve(user)
      return exclusive(() => authenticateWithToken(authToken))
    },

    async logout() {
      if (!settings) return notInitialized()
      if (!user) {
        const error: CometChatCallsV5Error = {
          errorCode: 'ERROR_NO_USER_LOGGED_IN',
          errorDescription: 'No user is logged in.',
        }
        notify('onLogoutFailure', error)
        throw error
      }
      await logoutInternal()
      notify('onLogoutSuccess')
      return 'Logout successful'
    },

    getLoggedInUser: () => (settings ? user : null),
    getUserAuthToken: () => (settings ? (user?.authToken ?? null) : null),
    isUserLoggedIn: () => settings !== undefined && user !== null,

    addLoginListener(listenerId, listener) {
      listeners.set(listenerId, listener)
    },
    removeLoginListener(listenerId) {
      listeners.delete(listenerId)
    },

    async generateToken(sessionId, authToken) {
      if (!settings) return notInitialized()
      if (typeof sessionId !== 'string' || sessionId.trim() === '')
        return fail('ERROR_SESSION_ID_MISSING', 'A session id is required.')
      const token = authToken ?? user?.authToken
      if (!token) return fail('ERROR_AUTH_TOKEN_MISSING', 'No auth token: log in or pass one.')
      const answer = await serverCall(fetchImpl, url('call', 'call_tokens'), {
        method: 'POST',
        headers: { authToken: token, appId: settings.appId, 'Content-Type': 'application/json' },
        body: JSON.stringify({ sessionId }),
      })
      const callToken = answer.ok ? answer.data.token : undefined
      if (typeof callToken === 'string') return { token: callToken }
      return fail(
        'ERROR_UNKNOWN',
        `Token generation failed: ${answer.ok ? 'no token in the answer' : answer.message}`,
      )
    },

    joinSession() {
      return fail(
        'MODEL_NO_MEDIA',
        'joinSession needs CometChat media servers: the offline v5 model signs in and issues call tokens but runs no calls.',
      )
    },
  }
}

/** The SDK's user: the `PUT /me` answer plus the token it logged in with. */
function toUser(data: Record<string, unknown>, authToken: string): CometChatCallsV5User {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined)
  const number = (key: string) =>
    typeof data[key] === 'number' ? (data[key] as number) : undefined
  const wsChannel = data.wsChannel as { identity?: unknown } | undefined
  return {
    uid: text('uid') ?? '',
    name: text('name') ?? '',
    authToken,
    status: text('status') ?? 'online',
    avatar: text('avatar') ?? '',
    lastActiveAt: number('lastActiveAt') ?? Math.floor(Date.now() / 1000),
    role: text('role') ?? 'default',
    hasBlockedMe: data.hasBlockedMe === true,
    blockedByMe: data.blockedByMe === true,
    ...(number('deactivatedAt') !== undefined && { deactivatedAt: number('deactivatedAt') }),
    ...(typeof wsChannel?.identity === 'string' && {
      wsChannel: { identity: wsChannel.identity },
    }),
    ...(text('jwt') !== undefined && { jwt: text('jwt') }),
  }
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`
}
