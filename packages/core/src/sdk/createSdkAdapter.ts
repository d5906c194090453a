import type { SdkAdapter, SdkSettings } from './sdkAdapter.js'
import { type CometChatCallsSdk, isV5 } from './sdkTypes.js'
import { createV4Adapter } from './v4Adapter.js'
import { createV5Adapter } from './v5Adapter.js'

/** Picks the adapter by shape: an SDK with `loginWithAuthToken` is v5, otherwise 4.x. */
export const createSdkAdapter = (sdk: CometChatCallsSdk, settings: SdkSettings): SdkAdapter =>
  isV5(sdk) ? createV5Adapter(sdk, settings) : createV4Adapter(sdk, settings)
