import type { Grant } from '../grant.js'
import type { CallsUser } from '../state.js'
import type { SdkHostOptions } from './sdkHosts.js'
import type { CometChatCallsSdk } from './sdkTypes.js'

/** What an adapter needs to know about the app. */
export interface SdkSettings {
  appId: string
  region: string
  hosts: SdkHostOptions
  /** v5 only: keep the SDK's own saved session (token at rest) so a reload needs no token request. */
  persistSdkSession: boolean
}

/** What the session needs from the Calls SDK, whatever its major version. */
export interface SdkAdapter {
  /** The SDK object itself (for the development-only Auth-Key login). */
  readonly sdk: CometChatCallsSdk
  /** `'v5'` logs in itself; `'v4'` takes the auth token with each call. */
  readonly kind: 'v5' | 'v4'
  /** `CometChatCalls.init` with the app's settings; a failure is `SDK_INIT_FAILED`. */
  init(): Promise<void>
  /** The session the SDK already holds (v5 restores its saved user in `init`), or null. */
  restore(): CallsUser | null
  /** Signs the SDK in with a fresh grant; v4 has CometChat verify the token instead. */
  login(grant: Grant): Promise<CallsUser>
  /** Swaps a refreshed token in while signed in. */
  replace(grant: Grant): Promise<void>
  /** Signs the SDK out; nobody logged in is not an error. */
  logout(): Promise<void>
  /** A call token for `sessionId`. */
  generateToken(sessionId: string, grant: Grant | undefined): Promise<string>
}
