/**
 * The public shapes of CometChat Calls SDK v5 as the model reproduces them (names and fields from
 * the published 5.0.x type definitions; see /work/shared/COMETCHAT.md "Calls SDK v5").
 */

/** A region as `init` accepts it: `us`, `eu` or `in`, in any case. */
export type CometChatCallsV5Region = 'us' | 'eu' | 'in' | 'US' | 'EU' | 'IN'

/** `init`'s plain settings object. Host overrides must not end with `/`. */
export interface CometChatCallsV5Settings {
  appId: string
  region: string
  /** The Auth Key for the development `login(uid)`. */
  authKey?: string | undefined
  /** Replaces `https://{appId}.call-{region}.cometchat.io/v3.0` (call tokens). */
  host?: string | undefined
  /** Replaces `https://{appId}.apiclient-{region}.cometchat.io/v3.0` (`/me`, `/user_sessions`). */
  clientHost?: string | undefined
  /** Replaces `https://{appId}.api-{region}.cometchat.io/v3.0` (the Auth-Key step). */
  adminHost?: string | undefined
}

/** What `init` resolves: it never rejects for bad settings. */
export type CometChatCallsV5InitResult =
  | { readonly success: true; readonly error: null }
  | {
      readonly success: false
      readonly error: {
        readonly name: 'VALIDATION_ERROR'
        readonly message: `Invalid app settings: ${string}`
        readonly timestamp: number
      }
    }

/** The logged-in user, a plain object (and, with its `authToken`, what v5 saves in storage). */
export interface CometChatCallsV5User {
  uid: string
  name: string
  status?: string | undefined
  authToken?: string | undefined
  lastActiveAt?: number | undefined
  /** `''` when the user has none. */
  avatar?: string | undefined
  role?: string | undefined
  hasBlockedMe?: boolean | undefined
  blockedByMe?: boolean | undefined
  deactivatedAt?: number | undefined
  wsChannel?: { identity: string } | undefined
  jwt?: string | undefined
}

/** The client-side codes v5 rejects with, and `ERROR_UNKNOWN` for every server refusal. */
export type CometChatCallsV5ErrorCode =
  | 'ERROR_UNKNOWN'
  | 'ERROR_LOGIN_IN_PROGRESS'
  | 'ERROR_INVALID_UID'
  | 'ERROR_UID_WITH_SPACE'
  | 'ERROR_API_KEY_NOT_FOUND'
  | 'ERROR_SDK_NOT_INITIALIZED'
  | 'ERROR_BLANK_AUTHTOKEN'
  | 'ERROR_AUTHTOKEN_WITH_SPACE'
  | 'ERROR_NO_USER_LOGGED_IN'
  | 'ERROR_SESSION_ID_MISSING'
  | 'ERROR_AUTH_TOKEN_MISSING'
  /** The model's own: `joinSession` needs CometChat's media servers, which the model does not run. */
  | 'MODEL_NO_MEDIA'

/** Every v5 method rejects with this plain object (CometChat's own server code is dropped). */
export interface CometChatCallsV5Error {
  errorCode: CometChatCallsV5ErrorCode
  errorDescription: string
}

/** `addLoginListener`'s listener. */
export interface CometChatCallsV5LoginListener {
  onLoginSuccess?: (user: CometChatCallsV5User) => void
  onLoginFailure?: (error: CometChatCallsV5Error) => void
  onLogoutSuccess?: () => void
  onLogoutFailure?: (error: CometChatCallsV5Error) => void
}

/** What the deprecated builder builds: appId, region and `host` only. */
export interface CometChatCallsV5AppSettings {
  getAppId(): string
  getRegion(): string
  getHost(): string | undefined
}

/** The deprecated `CallAppSettingsBuilder` (cannot set `clientHost`, `adminHost` or an Auth Key). */
export interface CometChatCallsV5AppSettingsBuilder {
  setAppId(appId: string): this
  setRegion(region: string): this
  setHost(host: string): this
  build(): CometChatCallsV5AppSettings
}

/** The static surface of `CometChatCalls` v5 that signs a user in and gets call tokens. */
export interface CometChatCallsV5Model {
  /** @deprecated in v5: use `init` with a plain object. */
  CallAppSettingsBuilder: new () => CometChatCallsV5AppSettingsBuilder
  /** Never rejects: check `.success`. Restores the saved user from storage, without network. */
  init(
    settings: CometChatCallsV5Settings | CometChatCallsV5AppSettings,
  ): Promise<CometChatCallsV5InitResult>
  /** Development: the Auth-Key step (`POST {adminHost}/users/{uid}/auth_tokens`), then token login. */
  login(uid: string, authKey?: string): Promise<CometChatCallsV5User>
  /** Production: `PUT {clientHost}/me` with the auth token. */
  loginWithAuthToken(authToken: string): Promise<CometChatCallsV5User>
  /** Rejects `ERROR_NO_USER_LOGGED_IN` when nobody is logged in. */
  logout(): Promise<'Logout successful'>
  getLoggedInUser(): CometChatCallsV5User | null
  getUserAuthToken(): string | null
  isUserLoggedIn(): boolean
  addLoginListener(listenerId: string, listener: CometChatCallsV5LoginListener): void
  removeLoginListener(listenerId: string): void
  /** The logged-in user's token unless one is given: `POST {host}/call_tokens`. */
  generateToken(sessionId: string, authToken?: string): Promise<{ token: string }>
  /** Always rejects (`MODEL_NO_MEDIA`): calls need CometChat's media servers. */
  joinSession(callToken: string, sessionSettings: unknown, container: unknown): Promise<never>
}

/** Options of `createCometChatCallsV5Model`. */
export interface CometChatCallsV5ModelOptions {
  /** Default `globalThis.fetch`, looked up at call time (so test spies and msw see it). */
  fetch?: typeof fetch | undefined
  /** Default `globalThis.localStorage`, looked up at call time; a real Web Storage. */
  storage?: Storage | undefined
  /** The `deviceId` sent with both logins; default a random id per model. */
  deviceId?: string | undefined
}
