import type { QueryClient } from '@tanstack/query-core'
import type { StoreApi } from 'zustand/vanilla'
import type { SdkHostOptions } from './sdk/sdkHosts.js'
import type { CometChatCallsSdk } from './sdk/sdkTypes.js'
import type { CallsSessionEvent } from './sessionEvents.js'
import type { CallsSessionState, CallsUser } from './state.js'

/**
 * What the app's server answers from its token endpoint.
 * `expiresIn` is seconds from now; `expiresAt` is Unix time in **seconds** (like a JWT `exp`) or an
 * ISO-8601 string. When both are given, `expiresIn` wins (it is immune to clock skew). A grant that
 * lives less than 5 seconds is refused (`INVALID_TOKEN_RESPONSE`).
 */
export interface TokenGrant {
  uid: string
  authToken: string
  expiresAt?: number | string | undefined
  expiresIn?: number | undefined
  user?:
    | { uid?: string | undefined; name?: string | undefined; avatar?: string | undefined }
    | undefined
  /**
   * `fetchToken` only: the server's clock when it answered (epoch ms, or an HTTP date such as the
   * response's `Date` header), to correct an absolute `expiresAt` for this browser's clock skew.
   */
  serverDate?: number | string | undefined
}

/** Why a token is being fetched. */
export type TokenFetchReason = 'login' | 'refresh' | 'rejected'

/** A custom token source, for apps whose token endpoint is not a plain `POST` with cookies. */
export type FetchToken = (context: {
  signal: AbortSignal
  reason: TokenFetchReason
}) => Promise<TokenGrant>

/** Options of `createCallsSession`. Give either `tokenEndpoint` or `fetchToken`. */
export interface CallsSessionOptions extends SdkHostOptions {
  /** The CometChat app id. */
  appId: string
  /** The CometChat app's region: `us`, `eu`, `in`. */
  region: string
  /** URL of the app server's token endpoint; called as `POST` with `credentials: 'include'`. */
  tokenEndpoint?: string | undefined
  /** A custom token source, instead of `tokenEndpoint`. */
  fetchToken?: FetchToken | undefined
  /** The `CometChatCalls` object (v5 or 4.x shape); default: `@cometchat/calls-sdk-javascript`, loaded on first sign-in. */
  sdk?: CometChatCallsSdk | undefined
  /** `false` when the app already called `CometChatCalls.init` itself. Default `true`. */
  initSdk?: boolean | undefined
  /**
   * v5: keep the SDK's own saved session. `true` (default): v5 keeps the user **and its auth token**
   * in `localStorage["{appId}:common_store/user"]`, and a reload costs no token request. `false`:
   * core removes that key after every login and at logout and destroy, so no token is ever at
   * rest; a reload then costs one token request.
   */
  persistSdkSession?: boolean | undefined
  /** Refresh this many seconds before expiry (never earlier than half the lifetime). A finite number ≥ 0; default 60. */
  refreshLeewaySeconds?: number | undefined
  /** `false`: never refresh proactively (a refused token is still replaced once). Default `true`. */
  autoRefresh?: boolean | undefined
  /** Retries of a failed token request (network, timeout, 429, 5xx). Default 3. */
  tokenRetries?: number | undefined
  /** Timeout of one token request, in ms. Default 15,000. */
  tokenTimeoutMs?: number | undefined
  /** A `QueryClient` to share with the app (token fetches then show in its devtools). */
  queryClient?: QueryClient | undefined
  /** Logs every session event with `console.debug` in development builds (never in production). */
  debug?: boolean | undefined
  /**
   * SSR hydration: the state the server rendered, shown until the session confirms it (the first
   * `login`/`syncUser` for that uid keeps showing it instead of `authenticating`). It carries no
   * token; until confirmed, nothing acts on it (`whenAuthenticated` waits, call tokens wait).
   */
  initialState?: InitialSessionState | undefined
}

/** What a server may hand the browser to render first: never a token. */
export type InitialSessionState =
  | { status: 'signed-out' }
  | { status: 'authenticated'; user: CallsUser; expiresAt?: number | undefined }

/** A browser sign-in to CometChat Calls. Create one per app with `createCallsSession`. */
export interface CallsSession {
  /** The current state. */
  getState(): CallsSessionState
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: CallsSessionState, previous: CallsSessionState) => void): () => void
  /** Calls `listener` with every session event (typed, timestamped, never a token); returns the unsubscribe function. */
  on(listener: (event: CallsSessionEvent) => void): () => void
  /** The underlying zustand/vanilla store (for `useStore` and selectors). */
  readonly store: StoreApi<CallsSessionState>
  /**
   * Resolves with the user once the session is `authenticated` (at once if it is), rejects with
   * the `CallsSessionError` if it fails first. The same promise until the state changes (React `use()`).
   */
  whenAuthenticated(): Promise<CallsUser>
  /** Signs in with a token from the app's server. `uid`: the app user expected (mismatch: `UID_MISMATCH`). */
  login(options?: { uid?: string | undefined }): Promise<CallsUser>
  /** Signs out: aborts what is in flight, logs the SDK out, drops the token, clears timers. */
  logout(): Promise<void>
  /** Fetches a fresh token now and swaps it in without leaving `authenticated`/`refreshing`. */
  refresh(): Promise<void>
  /** A call token for joining `sessionId` (the SDK's `generateToken`); needs an authenticated session. */
  generateCallToken(sessionId: string): Promise<string>
  /**
   * Converges on the app's signed-in user: a uid logs in (or switches), `null` logs out. Idempotent:
   * calling it again with the same uid does nothing. This is what `<CometChatAuthProvider uid>` uses.
   */
  syncUser(uid: string | null): Promise<void>
  /**
   * Attaches the environment listeners (tab visibility, online, other tabs) while at least one
   * caller holds it. Reference-counted; the release is deferred a microtask so a StrictMode
   * unmount/remount costs nothing. Returns the release function.
   */
  retain(): () => void
  /** Logs out and releases every timer and listener for good. */
  destroy(): void
}
