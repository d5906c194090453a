/**
 * The structural shapes of the `CometChatCalls` object that core accepts. v5 (the seed) has
 * `login`/`logout`/`getLoggedInUser`; 4.2.6 (what the npm registry serves) has only `init`,
 * `generateToken(sessionId, authToken)` and friends. Core picks an adapter by shape.
 */
export interface CallAppSettingsBuilderLike {
  setAppId(appId: string): CallAppSettingsBuilderLike
  setRegion(region: string): CallAppSettingsBuilderLike
  setHost?(host: string): CallAppSettingsBuilderLike
  build(): unknown
}

interface CometChatCallsBase {
  CallAppSettingsBuilder: new () => CallAppSettingsBuilderLike
  init(settings: unknown): Promise<unknown>
}

/** A user as the v5 SDK returns it (fields as CometChat names them). */
export interface SdkUser {
  uid: string
  name?: string
  avatar?: string
}

/** `@cometchat/calls-sdk-javascript` v5. */
export interface CometChatCallsV5 extends CometChatCallsBase {
  login(authToken: string): Promise<SdkUser>
  login(uid: string, authKey: string): Promise<SdkUser>
  logout(): Promise<unknown>
  getLoggedInUser(): SdkUser | null | Promise<SdkUser | null>
  generateToken(sessionId: string): Promise<{ token: string }>
}

/** `@cometchat/calls-sdk-javascript` 4.x (no login: the auth token goes with each call). */
export interface CometChatCallsV4 extends CometChatCallsBase {
  generateToken(sessionId: string, authToken: string): Promise<{ token: string }>
}

/** Either SDK shape. */
export type CometChatCallsSdk = CometChatCallsV5 | CometChatCallsV4
