'use client'
export type {
  CallsSession,
  CallsSessionErrorCode,
  CallsSessionEvent,
  CallsSessionEventType,
  CallsSessionOptions,
  CallsSessionState,
  CallsSessionStatus,
  CallsUser,
  FetchToken,
  InitialSessionState,
  TokenFetchReason,
  TokenGrant,
} from '@callsession/core'
export { CallsSessionError, isCallsSessionError, preloadCallsSdk } from '@callsession/core'
export { CometChatAuthProvider, type CometChatAuthProviderProps } from './CometChatAuthProvider.js'
export { CallsSessionContext } from './context.js'
export { RequireCallsSession, type RequireCallsSessionProps } from './RequireCallsSession.js'
export type { CallsSessionView } from './sessionView.js'
export {
  type UseCallsSessionOptions,
  type UseCallsSessionResult,
  useCallsSession,
} from './useCallsSession.js'
export type { SessionCallbacks } from './useSessionCallbacks.js'
export {
  type UseSuspenseCallsSessionResult,
  useSuspenseCallsSession,
} from './useSuspenseCallsSession.js'
