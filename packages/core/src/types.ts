import type { QueryClient } from '@tanstack/query-core'
import type { StoreApi } from 'zustand/vanilla'
import type { CometChatCallsSdk } from './sdk/sdkTypes.js'
import type { CallsSessionState, CallsUser } from './state.js'

/**
 * What the app's server answers from its token endpoint.
 * `expiresAt` is Unix time in seconds (like a JWT `exp`), or an ISO-8601 string; `expiresIn` is
 * seconds from now. When both are given, `expiresIn` wins (it is immune to clock skew).
 */
export interface TokenGrant {
  uid: string
  authToken: string
  expiresAt?: number | string
  expiresIn?: number
  user?: { uid?: string; name?: string; avatar?: string }
}

/** Why a token is being fetched. */
export type TokenFetchReason = 'login' | 'refresh' | 'rejected'

/** A custom token source, for apps whose token endpoint is not a plain `POST` with cookies. */
export type FetchToken = (context: {
  signal: AbortSignal
  reason: TokenFetchReason
}) => Promise<TokenGrant>

/** Options of `createCallsSession`. Give either `tokenEndpoint` or `fetchToken`. */
export interface CallsSessionOptions {
  /** The CometChat app id. */
  appId: string
  /** The CometChat app's region: `us`, `eu`, `in`, … */
  region: string
  /** CometChat calls API base override (the emulator's `callsHost`, a proxy). Ends with `/`. */
  host?: string
  /** URL of the app server's token endpoint; called as `POST` with `credentials: 'include'`. */
  tokenEndpoint?: string
  /** A custom token source, instead of `tokenEndpoint`. */
  fetchToken?: FetchToken
  /** The `CometChatCalls` object (v5 or v4 shape); default: `@cometchat/calls-sdk-javascript`. */
  sdk?: CometChatCallsSdk
  /** Refresh this many seconds before expiry (never earlier than half the lifetime). Default 60. */
  refreshLeewaySeconds?: number
  /** A `QueryClient` to share with the app (token fetches then show in its devtools). */
  queryClient?: QueryClient
}

/** A browser sign-in to CometChat Calls. Create one per app with `createCallsSession`. */
export interface CallsSession {
  /** The current state. */
  getState(): CallsSessionState
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: CallsSessionState, previous: CallsSessionState) => void): () => void
  /** The underlying zustand/vanilla store (for `useStore` and selectors). */
  readonly store: StoreApi<CallsSessionState>
  /** Signs in with a token from the app's server. `uid`: the app user expected (mismatch: `UID_MISMATCH`). */
  login(options?: { uid?: string }): Promise<CallsUser>
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
