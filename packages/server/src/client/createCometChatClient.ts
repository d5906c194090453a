import { CometChatApiError } from '../errors.js'
import { type AuthTokensApi, createAuthTokensApi } from './authTokens.js'
import { type CallLimiter, type CircuitBreakerOptions, createHttp } from './http.js'
import { createUsersApi, type UsersApi } from './users.js'

/** Options of `createCometChatClient`. */
export interface CometChatClientOptions {
  appId: string
  region: string
  /**
   * The REST API key, server side only; typically `process.env.COMETCHAT_API_KEY`. Missing or
   * malformed (a stray newline, say) throws `INVALID_API_KEY` here, never quoting it.
   */
  apiKey: string | undefined
  /** Default `https://{appId}.api-{region}.cometchat.io/v3`; point it at the emulator's `restBaseUrl` in tests. */
  baseUrl?: string | undefined
  timeoutMs?: number | undefined
  retries?: number | undefined
  retryDelayMs?: number | undefined
  maxDelayMs?: number | undefined
  /** Fail fast while CometChat is down (default: 5 consecutive failed requests open it for 5 s); `false` turns it off. */
  circuitBreaker?: CircuitBreakerOptions | false | undefined
  /** Admits each call (attempts included), e.g. `createRedisCallBudget` from `@callsession/server/redis` for a fleet. */
  limiter?: CallLimiter | undefined
  fetch?: typeof fetch | undefined
}

/** A typed CometChat REST v3 client. */
export interface CometChatClient {
  readonly users: UsersApi
  readonly authTokens: AuthTokensApi
}

/** Creates a CometChat REST v3 client: `createCometChatClient({ appId, region, apiKey })`. */
export function createCometChatClient(options: CometChatClientOptions): CometChatClient {
  const { apiKey, ...rest } = options
  assertApiKey(apiKey)
  const baseUrl =
    rest.baseUrl ??
    `https://${encodeURIComponent(rest.appId)}.api-${encodeURIComponent(rest.region)}.cometchat.io/v3`
  const http = createHttp({ ...rest, baseUrl, apiKey })
  // The key lives only in the http closure: the client object itself has nothing to leak when logged.
  return { users: createUsersApi(http), authTokens: createAuthTokensApi(http) }
}

// Visible ASCII only: a CR, LF or NUL makes undici reject the header and echo it in `cause.message`.
const API_KEY = /^[\x21-\x7e]{1,512}$/

/** Throws INVALID_API_KEY (never quoting the key) unless `apiKey` can be sent as a header as is. */
function assertApiKey(apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey !== 'string' || !API_KEY.test(apiKey)) {
    throw new CometChatApiError(
      'INVALID_API_KEY',
      'createCometChatClient: apiKey must be the REST API key as shown in the dashboard (visible ASCII, no spaces, CR, LF or NUL); check for a trailing newline',
    )
  }
}
