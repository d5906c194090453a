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
export type { CallLimiter, CircuitBreakerOptions, RequestOptions } from './client/http.js'
export type { CreateManyResult, ListCursor, ListUsersOptions, UsersApi } from './client/users.js'
export { isCrossSite } from './crossSite.js'
export { type EnsureUserOptions, ensureUser } from './ensureUser.js'
export {
  CometChatApiError,
  isCometChatError,
  redactTokens,
  type ServerErrorCode,
} from './errors.js'
export {
  type ClaimResult,
  createMemoryDedupeStore,
  type DedupeStore,
} from './stores/dedupeStore.js'
export { createMemoryPruneThrottle, type PruneThrottle } from './stores/pruneThrottle.js'
export {
  createMemoryRateLimiter,
  type MemoryRateLimiterOptions,
  type RateLimiter,
  type RateLimitResult,
} from './stores/rateLimiter.js'
export {
  createMemorySyncStateStore,
  type SyncStateStore,
  type UserSyncState,
} from './stores/syncStateStore.js'
export { createMemoryTokenReuseStore, type TokenReuseStore } from './stores/tokenReuseStore.js'
export {
  createTokenHandler,
  type TokenHandlerOptions,
  type TokenReuseOptions,
} from './tokenHandler.js'
export { toNodeHandler } from './toNodeHandler.js'
export type {
  AuthToken,
  NewUser,
  Page,
  Profile,
  UnsettableField,
  User,
  UserPatch,
} from './types.js'
export {
  createUserSyncHandler,
  type EventProfile,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  type UserEvent,
  type UserSyncOptions,
} from './userSync.js'
export { assertUid } from './validation.js'
export {
  type ClerkEvent,
  type ClerkUser,
  type ClerkUserEventsOptions,
  clerkUid,
  clerkUserEvents,
} from './webhooks/clerk.js'
export {
  type DeliveryInfo,
  type EventMapper,
  type GenericMapping,
  mapUserEvents,
} from './webhooks/eventMapper.js'
export { standardWebhooks } from './webhooks/standardWebhooks.js'
export type { WebhookVerdict, WebhookVerifier } from './webhooks/verifier.js'
