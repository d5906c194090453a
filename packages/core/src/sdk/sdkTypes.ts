/**
 * The structural shapes of the `CometChatCalls` object that core accepts, written from the
 * published type definitions (see ../../README.md, "v4 or v5"). Core picks an adapter by shape:
 * v5 has `loginWithAuthToken`; 4.x (what the npm registry serves) has no login at all.
 */

/** The deprecated settings builder of 4.x (v5 keeps it, but it cannot set `clientHost`/`adminHost`). */
export interface CallAppSettingsBuilderLike {
  setAppId(appId: string): CallAppSettingsBuilderLike
  setRegion(region: string): CallAppSettingsBuilderLike
  setHost?(host: string): CallAppSettingsBuilderLike
  build(): unknown
}

/** v5 `init` settings: a plain object. Host overrides must not end with `/`. */
export interface CallsSettingsV5 {
  appId: string
  region: string
  authKey?: string
  host?: string
  clientHost?: string
  adminHost?: string
}

/** v5 `init` never rejects for bad settings: it resolves this, and `success` must be checked. */
export type InitResultV5 =
  | { success: true; error: null }
  | { success: false; error: { name: string; message: string; timestamp?: number } }

/** A user as the v5 SDK resolves it (it has more fields; core reads these). `avatar` is '' when none. */
export interface SdkUser {
  uid: string
  name?: string
  avatar?: string
}

/** `@cometchat/calls-sdk-javascript` v5 (all methods are statics of `CometChatCalls`). */
export interface CometChatCallsV5 {
  init(settings: CallsSettingsV5): Promise<InitResultV5>
  /** Development only: the Auth-Key login (`POST {adminHost}/users/{uid}/auth_tokens`, then token login). */
  login(uid: string, authKey?: string): Promise<SdkUser>
  /** Production: `PUT {clientHost}/me` with the token; the same token again answers from cache. */
  loginWithAuthToken(authToken: string): Promise<SdkUser>
  /** Rejects `ERROR_NO_USER_LOGGED_IN` when nobody is logged in. */
  logout(): Promise<unknown>
  getLoggedInUser(): SdkUser | null
  generateToken(sessionId: string, authToken?: string): Promise<{ token: string }>
}

/** `@cometchat/calls-sdk-javascript` 4.x: no login; the auth token goes with each call. */
export interface CometChatCallsV4 {
  CallAppSettingsBuilder: new () => CallAppSettingsBuilderLike
  init(settings: unknown): Promise<unknown>
  generateToken(sessionId: string, authToken: string): Promise<{ token: string }>
}

/** Either SDK shape. */
export type CometChatCallsSdk = CometChatCallsV5 | CometChatCallsV4

/** Whether `sdk` is the v5 shape (it has the token login). */
export const isV5 = (sdk: CometChatCallsSdk): sdk is CometChatCallsV5 =>
  typeof (sdk as Partial<CometChatCallsV5>).loginWithAuthToken === 'function'
