export type {
  CallsSession,
  CallsSessionErrorCode,
  CallsSessionOptions,
  CallsSessionState,
  CallsSessionStatus,
  CallsUser,
  FetchToken,
  TokenFetchReason,
  TokenGrant,
} from '@callsession/core'
export { CallsSessionError, isCallsSessionError } from '@callsession/core'
export { CometChatAuthProvider, type CometChatAuthProviderProps } from './CometChatAuthProvider.js'
export { CallsSessionContext } from './context.js'
export type { CallsSessionView } from './sessionView.js'
export { type UseCallsSessionResult, useCallsSession } from './useCallsSession.js'
