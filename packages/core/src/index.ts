export { createCallsSession } from './createCallsSession.js'
export type { CallsSessionErrorCode } from './errors.js'
export { CallsSessionError, isCallsSessionError } from './errors.js'
export { preloadCallsSdk } from './sdk/loadSdk.js'
export type { SdkHostOptions } from './sdk/sdkHosts.js'
export type {
  CallsSettingsV5,
  CometChatCallsSdk,
  CometChatCallsV4,
  CometChatCallsV5,
  InitResultV5,
  SdkUser,
} from './sdk/sdkTypes.js'
export type {
  CallsSessionEvent,
  CallsSessionEventType,
  SignInSource,
  SignOutReason,
} from './sessionEvents.js'
export type { CallsSessionState, CallsSessionStatus, CallsUser } from './state.js'
export type {
  CallsSession,
  CallsSessionOptions,
  FetchToken,
  InitialSessionState,
  TokenFetchReason,
  TokenGrant,
} from './types.js'
export { isValidUid } from './uid.js'
