import type { CometChatClient } from './client/createCometChatClient.js'
import { deactivated, ensureUser, toNewUser } from './ensureUser.js'
import { CometChatApiError, isCometChatError } from './errors.js'
import type { AuthToken, Profile } from './types.js'
import { assertNewUser } from './validation.js'

/** Options of `createTokenHandler`. */
export interface TokenHandlerOptions {
  cometchat: CometChatClient
  /** The app's signed-in user for this request, or null (401). The uid comes only from here. */
  authenticate: (request: Request) => Promise<Profile | null> | Profile | null
  /** The app's token lifetime policy in seconds. */
  ttlSeconds: number
  /** Extra seconds before an old token is revoked (default 300). */
  graceSeconds?: number
  /** Reactivate soft-deleted users instead of answering 403 USER_DEACTIVATED (default false). */
  restoreDeactivated?: boolean
  /** Prune a user's old tokens at most once per this many seconds per process (default 300). */
  pruneIntervalSeconds?: number
  /** Called with pruning failures (never with tokens). */
  onError?: (error: unknown) => void
  /** Test hook: resolves when a background prune finishes. */
  onPruned?: (uid: string, revoked: number) => void
}

/**
 * Web-standard token endpoint: `POST` → `{ uid, authToken, expiresAt, expiresIn, user }`.
 * API calls per token: 1 for an existing user (mint), 2 for a new one (mint → ERR_UID_NOT_FOUND →
 * create withAuthToken). Off the hot path, at most once per `pruneIntervalSeconds` per uid: 1 list
 * (per 100 tokens) + 1 delete per expired token.
 */
export function createTokenHandler(
  options: TokenHandlerOptions,
): (request: Request) => Promise<Response> {
  const { cometchat, ttlSeconds } = options
  const grace = options.graceSeconds ?? 300
  const pruneEveryMs = (options.pruneIntervalSeconds ?? 300) * 1000
  const lastPruned = new Map<string, number>()

  async function mint(profile: Profile): Promise<AuthToken> {
    try {
      return await cometchat.authTokens.create(profile.uid)
    } catch (error) {
      if (isCometChatError(error, 'ERR_USER_DEACTIVATED')) {
        if (!options.restoreDeactivated) throw deactivated(profile.uid, error)
        await ensureUser(cometchat, profile, { restoreDeactivated: true })
        return cometchat.authTokens.create(profile.uid)
      }
      if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
      try {
        const user = await cometchat.users.create({ ...toNewUser(profile), withAuthToken: true })
        if (user.authToken)
          return {
            uid: user.uid,
            authToken: user.authToken,
            createdAt: Math.floor(Date.now() / 1000),
          }
      } catch (createError) {
        if (!isCometChatError(createError, 'ERR_UID_ALREADY_EXISTS')) throw createError
      }
      // Another request created the user first, or the create answer carried no token.
      return cometchat.authTokens.create(profile.uid)
    }
  }

  function prune(uid: string): void {
    const key = uid.toLowerCase()
    const now = Date.now()
    const last = lastPruned.get(key)
    if (last !== undefined && now - last < pruneEveryMs) return
    lastPruned.delete(key)
    lastPruned.set(key, now)
    // Bounded: forget the oldest entries (they only cost an extra prune later).
    while (lastPruned.size > 10_000) {
      const oldest = lastPruned.keys().next().value
      if (oldest === undefined) break
      lastPruned.delete(oldest)
    }
    // `lastPruned` is set before the first await, so one prune per uid runs at a time.
    void (async () => {
      const cutoff = Math.floor(Date.now() / 1000) - ttlSeconds - grace
      let revoked = 0
      for (let page = 1; ; page += 1) {
        const result = await cometchat.authTokens.list(uid, { perPage: 100, page })
        for (const token of result.items) {
          if (token.createdAt < cutoff) {
            await cometchat.authTokens.delete(uid, token.authToken)
            revoked += 1
          }
        }
        if (page >= result.totalPages || result.items.length === 0) break
      }
      options.onPruned?.(uid, revoked)
    })().catch((error) => options.onError?.(error))
  }

  return async function tokenHandler(request: Request): Promise<Response> {
    if (request.method !== 'POST')
      return json(
        405,
        { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } },
        { allow: 'POST' },
      )
    // The body is advisory ({ reason }) and never read: nothing in it can choose the uid.
    let profile: Profile | null
    try {
      profile = await options.authenticate(request)
    } catch {
      profile = null
    }
    if (!profile) return json(401, { error: { code: 'UNAUTHORIZED', message: 'not signed in' } })
    try {
      assertNewUser(profile)
      const token = await mint(profile)
      const now = Math.floor(Date.now() / 1000)
      const expiresAt = token.createdAt + ttlSeconds
      queueMicrotask(() => prune(profile.uid))
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
      return errorResponse(error)
    }
  }
}

function errorResponse(error: unknown): Response {
  if (error instanceof CometChatApiError) {
    if (error.code === 'USER_DEACTIVATED')
      return json(403, {
        error: { code: 'USER_DEACTIVATED', message: 'this account is deactivated' },
      })
    if (error.code.startsWith('INVALID_') && error.status === undefined) {
      return json(500, {
        error: {
          code: 'INVALID_PROFILE',
          message: 'the signed-in profile is not a valid CometChat user',
        },
      })
    }
    const unavailable =
      error.status === 429 ||
      error.code === 'TIMEOUT' ||
      error.code === 'NETWORK_ERROR' ||
      (error.status ?? 0) >= 500
    return json(unavailable ? 503 : 502, {
      error: {
        code: unavailable ? 'COMETCHAT_UNAVAILABLE' : 'COMETCHAT_ERROR',
        message: 'the chat service could not issue a token',
      },
    })
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
