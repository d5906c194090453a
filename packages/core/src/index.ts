export { createCallsSession } from './createCallsSession.js'
export type { CallsSessionErrorCode } from './errors.js'
export { CallsSessionError, isCallsSessionError } from './errors.js'
export type {
  CometChatCallsSdk,
  CometChatCallsV4,
  CometChatCallsV5,
  SdkUser,
} from './sdk/sdkTypes.js'
export type { CallsSessionState, CallsSessionStatus, CallsUser } from './state.js'
export type {
  CallsSession,
  CallsSessionOptions,
  FetchToken,
  TokenFetchReason,
  TokenGrant,
} from './types.js'
export { isValidUid } from './uid.js'
