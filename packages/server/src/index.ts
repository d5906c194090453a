export {
  createImportRateLimiter,
  ImportFileError,
  type ImportFileErrorCode,
  type ImportOptions,
  type ImportOutcome,
  type ImportRate,
  type ImportResult,
  type ImportRow,
  type ImportRowReport,
  type ImportSummary,
  type ImportWarning,
  importUsers,
  parseUsersFile,
  type ReadUsersOptions,
  readUsers,
} from './cli/import.js'
export type { AuthTokensApi } from './client/authTokens.js'
export {
  type CometChatClient,
  type CometChatClientOptions,
  createCometChatClient,
} from './client/createCometChatClient.js'
export type { CreateManyResult, ListUsersOptions, UsersApi } from './client/users.js'
export { type EnsureUserOptions, ensureUser } from './ensureUser.js'
export { CometChatApiError, isCometChatError, type ServerErrorCode } from './errors.js'
export { createTokenHandler, type TokenHandlerOptions } from './tokenHandler.js'
export { toNodeHandler } from './toNodeHandler.js'
export type { AuthToken, NewUser, Page, Profile, User, UserPatch } from './types.js'
export {
  createMemoryDedupeStore,
  createUserSyncHandler,
  type DedupeStore,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  type UserEvent,
  type UserSyncOptions,
} from './userSync.js'
export { assertUid } from './validation.js'
