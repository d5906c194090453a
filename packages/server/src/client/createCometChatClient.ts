import { type AuthTokensApi, createAuthTokensApi } from './authTokens.js'
import { createHttp } from './http.js'
import { createUsersApi, type UsersApi } from './users.js'

/** Options of `createCometChatClient`. */
export interface CometChatClientOptions {
  appId: string
  region: string
  apiKey: string
  /** Default `https://{appId}.api-{region}.cometchat.io/v3`; point it at the emulator's `restBaseUrl` in tests. */
  baseUrl?: string
  timeoutMs?: number
  retries?: number
  retryDelayMs?: number
  maxDelayMs?: number
  fetch?: typeof fetch
}

/** A typed CometChat REST v3 client. */
export interface CometChatClient {
  readonly users: UsersApi
  readonly authTokens: AuthTokensApi
}

/** Creates a CometChat REST v3 client: `createCometChatClient({ appId, region, apiKey })`. */
export function createCometChatClient(options: CometChatClientOptions): CometChatClient {
  const { apiKey, ...rest } = options
  if (!apiKey) throw new TypeError('createCometChatClient: apiKey is required')
  const baseUrl =
    rest.baseUrl ??
    `https://${encodeURIComponent(rest.appId)}.api-${encodeURIComponent(rest.region)}.cometchat.io/v3`
  const http = createHttp({ ...rest, baseUrl, apiKey })
  // The key lives only in the http closure: the client object itself has nothing to leak when logged.
  return { users: createUsersApi(http), authTokens: createAuthTokensApi(http) }
}
