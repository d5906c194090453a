import { CallsSessionError } from '../errors.js'
import { createSdkAdapter } from './createSdkAdapter.js'
import { preloadCallsSdk } from './loadSdk.js'
import type { SdkAdapter, SdkSettings } from './sdkAdapter.js'
import { claimSdk } from './sdkClaims.js'
import type { CometChatCallsSdk } from './sdkTypes.js'

/**
 * The session's Calls SDK: given, or loaded on first use (it touches `window`, so never at import
 * time); claimed for this app (one SDK, one app per page); initialised once unless the app did it
 * (`initSdk: false`). A failed load or init is tried again on the next use.
 */
export function createSdkConnection({
  sdk,
  initSdk,
  ...settings
}: SdkSettings & { sdk: CometChatCallsSdk | undefined; initSdk: boolean }) {
  const { appId, hosts } = settings
  // A given SDK is claimed at once, so a second app on it fails at creation, before any token moves.
  let release = sdk ? claimSdk(sdk, appId, hosts) : undefined
  let adapter: SdkAdapter | undefined
  let pending: Promise<SdkAdapter> | undefined
  const connect = async () => {
    const object =
      sdk ??
      (await preloadCallsSdk().catch((cause: unknown) => {
        throw new CallsSessionError('SDK_INIT_FAILED', 'The Calls SDK could not be loaded', {
          cause,
        })
      }))
    release ??= claimSdk(object, appId, hosts)
    const next = createSdkAdapter(object, settings)
    if (initSdk) await next.init()
    adapter = next
    return next
  }
  return {
    /** The adapter once the SDK is ready, else undefined (nothing to log out of yet). */
    get adapter() {
      return adapter
    },
    ready(): Promise<SdkAdapter> {
      pending ??= connect().catch((error: unknown) => {
        pending = undefined
        throw error
      })
      return pending
    },
    /** Gives the SDK up for other apps (at destroy). */
    release() {
      release?.()
      release = undefined
    },
  }
}

/** The session's SDK connection. */
export type SdkConnection = ReturnType<typeof createSdkConnection>
