import { CallsSessionError } from '../errors.js'
import type { Grant } from '../grant.js'
import type { CallsUser } from '../state.js'
import type { CometChatCallsSdk } from './sdkTypes.js'

/** What the session needs from the Calls SDK, whatever its major version. */
export interface SdkAdapter {
  /** The SDK object itself (for the development-only Auth-Key login). */
  readonly sdk: CometChatCallsSdk
  /** `'v5'` logs in itself; `'v4'` takes the auth token with each call. */
  readonly kind: 'v5' | 'v4'
  /** A session the SDK already holds (v5 `getLoggedInUser`), or null. */
  restore(): Promise<CallsUser | null>
  /** Signs the SDK in with a fresh grant; v4 has CometChat verify the token instead. */
  login(grant: Grant): Promise<CallsUser>
  /** Swaps a refreshed token in while signed in. */
  replace(grant: Grant): Promise<void>
  logout(): Promise<void>
  /** A call token for `sessionId`. */
  generateToken(sessionId: string, grant: Grant | undefined): Promise<string>
}

/** Initializes the SDK once per session (again after a failure); failures are `SDK_INIT_FAILED`. */
export function initOnce<T>(init: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined
  return () => {
    pending ??= init().catch((cause: unknown) => {
      pending = undefined
      throw new CallsSessionError('SDK_INIT_FAILED', undefined, { cause })
    })
    return pending
  }
}

/** `CometChatCalls.init` with the app's settings; `host` replaces the API base (emulator, proxy). */
export async function initSdk(
  sdk: CometChatCallsSdk,
  { appId, region, host }: { appId: string; region: string; host?: string | undefined },
): Promise<CometChatCallsSdk> {
  let builder = new sdk.CallAppSettingsBuilder().setAppId(appId).setRegion(region)
  if (host !== undefined && builder.setHost) builder = builder.setHost(host)
  await sdk.init(builder.build())
  return sdk
}
