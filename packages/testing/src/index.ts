export { createCometChatCallsV5Model } from './createCometChatCallsV5Model.js'
export type {
  CometChatCallsV5AppSettings,
  CometChatCallsV5AppSettingsBuilder,
  CometChatCallsV5Error,
  CometChatCallsV5ErrorCode,
  CometChatCallsV5InitResult,
  CometChatCallsV5LoginListener,
  CometChatCallsV5Model,
  CometChatCallsV5ModelOptions,
  CometChatCallsV5Region,
  CometChatCallsV5Settings,
  CometChatCallsV5User,
} from './types.js'
