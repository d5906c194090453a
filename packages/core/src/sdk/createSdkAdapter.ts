import type { SdkAdapter } from './sdkAdapter.js'
import type { CometChatCallsSdk, CometChatCallsV5 } from './sdkTypes.js'
import { createV4Adapter } from './v4Adapter.js'
import { createV5Adapter } from './v5Adapter.js'

/** Picks the adapter by shape: an SDK with `login` is v5, otherwise 4.x. */
export function createSdkAdapter(sdk: CometChatCallsSdk): SdkAdapter {
  return 'login' in sdk && typeof sdk.login === 'function'
    ? createV5Adapter(sdk as CometChatCallsV5)
    : createV4Adapter(sdk)
}

/** The default SDK, loaded on first use only (it touches `window`, so never at import time). */
export async function loadDefaultSdk(): Promise<CometChatCallsSdk> {
  const module: { CometChatCalls?: unknown; default?: { CometChatCalls?: unknown } } = await import(
    '@cometchat/calls-sdk-javascript'
  )
  return (module.CometChatCalls ?? module.default?.CometChatCalls) as CometChatCallsSdk
}
