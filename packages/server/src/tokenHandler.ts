import type { CometChatClient } from './client/createCometChatClient.js'
import type { RequestOptions } from './client/http.js'
import { isCrossSite } from './crossSite.js'
import { deadlineSignal } from './deadlineSignal.js'
import { deactivated, toNewUser } from './ensureUser.js'
import { CometChatApiError, isCometChatError } from './errors.js'
import { createMemoryPruneThrottle, type PruneThrottle } from './stores/pruneThrottle.js'
import { createMemoryRateLimiter, type RateLimiter } from './stores/rateLimiter.js'
import {
  createMemoryTokenReuseStore,
  createTokenSealer,
  type TokenReuseStore,
} from './stores/tokenReuseStore.js'
import type { AuthToken, Profile } from './types.js'
import { assertNewUser } from './validation.js'

/** Options of the young-token reuse (`tokenReuse`). */
export interface TokenReuseOptions {
  /** A token at most this old is handed out again instead of minting (default 60 s). */
  maxAgeSeconds?: number
  /** Where sealed tokens are kept (default in memory, one process). */
  store?: TokenReuseStore
  /** Seals and keys the entries; give the same secret to every instance that shares a store (default: random per process). */
  secret?: string
}

/** Options of `createTokenHandler`. */
export interface TokenHandlerOptions {
  cometchat: CometChatClient
  /** The app's signed-in user for this request, or null (401). The uid comes only from here. */
  authenticate: (request: Request) => Promise<Profile | null> | Profile | null
  /** The app's token lifetime policy in seconds. */
  ttlSeconds: number
  /** Extra seconds before an old token is revoked (default 300). */
  graceSeconds?: number
  /** Reactivate deactivated users instead of answering 403 USER_DEACTIVATED (default false). */
  restoreDeactivated?: boolean
  /** Prune a user's old tokens at most once per this many seconds per uid (default 300). */
  pruneIntervalSeconds?: number
  /** Who decides that (default in memory, one process). */
  pruneThrottle?: PruneThrottle
  /**
   * Origins (`https://app.example`) allowed to call the endpoint from a browser; others get 403
   * CROSS_SITE_REQUEST. Without it only `Sec-Fetch-Site: cross-site` is refused.
   */
  allowedOrigins?: readonly string[]
  /**
   * Per-uid limit on minted tokens (default 10 per 60 s); past it 429 RATE_LIMITED with Retry-After.
   * CometChat keeps only a user's newest 100 tokens, so an unlimited mint signs the user out elsewhere.
   * `false` turns it off.
   */
  rateLimit?: RateLimiter | false
  /** Hand out a young token again instead of minting (page reloads); on by default, `false` turns it off. */
  tokenReuse?: TokenReuseOptions | false
  /** The overall budget of one request's CometChat calls, retries included (default 8000 ms). */
  deadlineMs?: number
  /** Called with failures worth a log line: pruning, stores, invalid profiles (never with a token). */
  onError?: (error: unknown) => void
  /** Test hook: resolves when a background prune finishes. */
  onPruned?: (uid: string, revoked: number) => void
}

/** Reasons the client gives (`{ reason }` body) that mean its current token is not good enough. */
const MUST_MINT = new Set(['refresh', 'rejected'])

/**
 * Web-standard token endpoint: `POST` → `{ uid, authToken, expiresAt, expiresIn, user }`.
 * API calls per token: 0 for a reused young token, 1 for an existing user (mint with `force`), 2 for
 * a new one (mint → ERR_UID_NOT_FOUND → create withAuthToken), 3 for a deactivated one. Off the hot
 * path, at most once per `pruneIntervalSeconds` per uid: 1 list per 100 tokens + 1 delete per expired token.
 */
export function createTokenHandler(
  options: TokenHandlerOptions,
): (request: Request) => Promise<Response> {
  const { cometchat, ttlSeconds } = options
  const grace = options.graceSeconds ?? 300
  const pruneEveryMs = (options.pruneIntervalSeconds ?? 300) * 1000
  const deadlineMs = options.deadlineMs ?? 8000
  const throttle = options.pruneThrottle ?? createMemoryPruneThrottle()
  const limiter =
    options.rateLimit === false
      ? undefined
      : (options.rateLimit ?? createMemoryRateLimiter({ limit: 10, windowSeconds: 60 }))
  const reuse =
    options.tokenReuse === false
      ? undefined
      : {
          maxAgeMs: (options.tokenReuse?.maxAgeSeconds ?? 60) * 1000,
          store: options.tokenReuse?.store ?? createMemoryTokenReuseStore(),
          sealer: createTokenSealer(options.tokenReuse?.secret),
        }
  const report = (error: unknown) => {
    try {
      options.onError?.(error)
    } catch {
      // A throwing logger must not turn into a failed request.
    }
  }

  async function mint(profile: Profile, call: RequestOptions): Promise<AuthToken> {
    const force = { force: true, ...call }
    try {
      return await cometchat.authTokens.create(profile.uid, force)
    } catch (error) {
      if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
    }
    try {
      const user = await cometchat.users.create(
        { ...toNewUser(profile), withAuthToken: true },
        call,
      )
      if (user.authToken)
        return {
          uid: user.uid,
          authToken: user.authToken,
          createdAt: Math.floor(Date.now() / 1000),
        }
    } catch (error) {
      if (!isCometChatError(error, 'ERR_UID_ALREADY_EXISTS')) throw error
    }
    // The uid exists: another request created it first, or it is deactivated (CometChat answers
    // ERR_UID_NOT_FOUND for a deactivated user's tokens, and ERR_UID_ALREADY_EXISTS to its create).
    try {
      return await cometchat.authTokens.create(profile.uid, force)
    } catch (error) {
      if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
      if (!options.restoreDeactivated) throw deactivated(profile.uid, error)
    }
    await cometchat.users.restore(profile.uid, call)
    return cometchat.authTokens.create(profile.uid, force)
  }

  // A failing reuse store only costs a mint: it is reported, never answered as an error.
  async function reused(uid: string): Promise<AuthToken | undefined> {
    if (!reuse) return undefined
    try {
      const sealed = await reuse.store.get(reuse.sealer.keyOf(uid))
      const token = sealed === undefined ? undefined : reuse.sealer.open(uid, sealed)
      if (!token || Date.now() - token.createdAt * 1000 > reuse.maxAgeMs) return undefined
      return token
    } catch (error) {
      report(error)
      return undefined
    }
  }

  async function remember(token: AuthToken): Promise<void> {
    if (!reuse) return
    const left = reuse.maxAgeMs - (Date.now() - token.createdAt * 1000)
    if (left <= 0) return
    try {
      await reuse.store.set(reuse.sealer.keyOf(token.uid), reuse.sealer.seal(token), left)
    } catch (error) {
      report(error)
    }
  }

  async function forget(uid: string): Promise<void> {
    if (!reuse) return
    try {
      await reuse.store.delete(reuse.sealer.keyOf(uid))
    } catch (error) {
      report(error)
    }
  }

  async function prune(uid: string): Promise<void> {
    if (!(await throttle.take(uid, pruneEveryMs))) return
    const cutoff = Math.floor(Date.now() / 1000) - ttlSeconds - grace
    // Collect every page first: deleting while paging shifts later tokens onto pages already read.
    const expired: string[] = []
    for (let page = 1; ; page += 1) {
      const result = await cometchat.authTokens.list(uid, { perPage: 100, page })
      for (const token of result.items) if (token.createdAt < cutoff) expired.push(token.authToken)
      if (page >= result.totalPages || result.items.length === 0) break
    }
    for (const authToken of expired) await cometchat.authTokens.delete(uid, authToken)
    options.onPruned?.(uid, expired.length)
  }

  async function handle(request: Request): Promise<Response> {
    if (request.method !== 'POST')
      return json(
        405,
        { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } },
        { allow: 'POST' },
      )
    if (isCrossSite(request, options.allowedOrigins))
      return json(403, {
        error: { code: 'CROSS_SITE_REQUEST', message: 'this origin may not request tokens' },
      })
    let profile: Profile | null
    try {
      profile = await options.authenticate(request)
    } catch {
      profile = null
    }
    if (!profile) return json(401, { error: { code: 'UNAUTHORIZED', message: 'not signed in' } })
    try {
      assertNewUser(profile)
    } catch (error) {
      report(error)
      return json(500, {
        error: {
          code: 'INVALID_PROFILE',
          message: `the signed-in profile is not a valid CometChat user: ${(error as Error).message}`,
        },
      })
    }
    const { signal, dispose } = deadlineSignal(request.signal, deadlineMs)
    const call: RequestOptions = { signal, deadline: Date.now() + deadlineMs }
    try {
      return await answer(profile, call, await readReason(request, signal))
    } finally {
      dispose()
    }
  }

  async function answer(
    profile: Profile,
    call: RequestOptions,
    reason: string | undefined,
  ): Promise<Response> {
    try {
      const mustMint = MUST_MINT.has(reason ?? '')
      if (mustMint) await forget(profile.uid)
      let token = mustMint ? undefined : await reused(profile.uid)
      if (!token) {
        if (limiter) {
          const verdict = await limiter.consume(profile.uid)
          if (!verdict.allowed)
            return json(
              429,
              { error: { code: 'RATE_LIMITED', message: 'too many token requests; retry later' } },
              { 'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)) },
            )
        }
        token = await mint(profile, call)
        await remember(token)
        const uid = profile.uid
        queueMicrotask(() => {
          prune(uid).catch(report)
        })
      }
      const now = Math.floor(Date.now() / 1000)
      const expiresAt = token.createdAt + ttlSeconds
      return json(200, {
        uid: token.uid,
        authToken: token.authToken,
        expiresAt,
        expiresIn: Math.max(0, expiresAt - now),
        user: {
          uid: token.uid,
          name: profile.name,
          ...(profile.avatar ? { avatar: profile.avatar } : {}),
        },
      })
    } catch (error) {
      if (!(error instanceof CometChatApiError) || error.status === undefined) report(error)
      return errorResponse(error)
    }
  }

  return async function tokenHandler(request: Request): Promise<Response> {
    let response: Response
    try {
      response = await handle(request)
    } catch (error) {
      report(error)
      response = json(500, {
        error: { code: 'INTERNAL_ERROR', message: 'could not issue a token' },
      })
    }
    // The client measures its clock skew from Date, so a browser on another origin must see it.
    response.headers.set('date', new Date().toUTCString())
    response.headers.set('access-control-expose-headers', 'Date')
    return response
  }
}

/** The client's `{ reason }`, read from at most 1 KiB of body; undefined when absent or unreadable. */
async function readReason(request: Request, signal: AbortSignal): Promise<string | undefined> {
  if (!request.body || request.bodyUsed) return undefined
  let reader: ReadableStreamDefaultReader<Uint8Array>
  try {
    reader = request.body.getReader()
  } catch {
    return undefined
  }
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason)
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
    aborted.catch(() => {})
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted])
      if (done) break
      size += value.byteLength
      if (size > 1024) return undefined
      chunks.push(value)
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reason?: unknown }
    return typeof body?.reason === 'string' ? body.reason : undefined
  } catch {
    return undefined
  } finally {
    reader.cancel().catch(() => {})
  }
}

function errorResponse(error: unknown): Response {
  if (error instanceof CometChatApiError) {
    if (error.code === 'USER_DEACTIVATED')
      return json(403, {
        error: { code: 'USER_DEACTIVATED', message: 'this account is deactivated' },
      })
    const unavailable =
      error.status === 429 ||
      error.code === 'TIMEOUT' ||
      error.code === 'ABORTED' ||
      error.code === 'CIRCUIT_OPEN' ||
      error.code === 'NETWORK_ERROR' ||
      (error.status ?? 0) >= 500
    const retryAfter =
      unavailable && error.retryAfterMs !== undefined
        ? { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) }
        : undefined
    return json(
      unavailable ? 503 : 502,
      {
        error: {
          code: unavailable ? 'COMETCHAT_UNAVAILABLE' : 'COMETCHAT_ERROR',
          message: 'the chat service could not issue a token',
        },
      },
      retryAfter,
    )
  }
  return json(500, { error: { code: 'INTERNAL_ERROR', message: 'could not issue a token' } })
}

/** A JSON response that is never cached. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })
}
