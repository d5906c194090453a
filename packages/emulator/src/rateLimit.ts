import type { MiddlewareHandler } from 'hono'
import { fail } from './envelope.js'

/** Requests per minute for the whole app, as CometChat's rate-limit article documents them. */
export interface RateLimits {
  /** Core operations (user create and delete, connections i.e. SDK logins): 10,000/min. */
  core: number
  /** Every other request: 20,000/min. */
  standard: number
  /**
   * Window length in seconds (default 60, the documented per-minute limits). Tests scale a
   * limit down to seconds so that a short run can reach it.
   */
  windowSeconds?: number
}

export const DOCUMENTED_RATE_LIMITS: RateLimits = { core: 10_000, standard: 20_000 }

const isCore = (method: string, path: string) =>
  (path.startsWith('/v3/users') &&
    (method === 'DELETE' || (method === 'POST' && /^\/v3\/users\/?$/.test(path)))) ||
  (method === 'PUT' && path === '/v3.0/me')

/**
 * CometChat's app-wide limits in fixed one-minute windows on the emulator's clock: every answer
 * carries `X-Rate-Limit` and `X-Rate-Limit-Remaining`; past the limit, 429
 * `ERR_TOO_MANY_REQUESTS` with `Retry-After` (seconds) and `X-Rate-Limit-Reset` (Unix time).
 */
export function rateLimit(limits: RateLimits, now: () => number): MiddlewareHandler {
  const windowMs = (limits.windowSeconds ?? 60) * 1000
  let window = -1
  const used = { core: 0, standard: 0 }
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next()
    const current = Math.floor(now() / windowMs)
    if (current !== window) {
      window = current
      used.core = 0
      used.standard = 0
    }
    const kind = isCore(c.req.method, new URL(c.req.url).pathname) ? 'core' : 'standard'
    const limit = limits[kind]
    const resetAt = Math.ceil(((window + 1) * windowMs) / 1000)
    if (used[kind] >= limit) {
      c.header('X-Rate-Limit', String(limit))
      c.header('X-Rate-Limit-Remaining', '0')
      c.header('X-Rate-Limit-Reset', String(resetAt))
      c.header('Retry-After', String(Math.max(1, Math.ceil(resetAt - now() / 1000))))
      return fail(
        c,
        429,
        'ERR_TOO_MANY_REQUESTS',
        `Rate limit of ${limit} ${kind} requests per ${windowMs / 1000} s exceeded.`,
      )
    }
    used[kind]++
    c.header('X-Rate-Limit', String(limit))
    c.header('X-Rate-Limit-Remaining', String(limit - used[kind]))
    return next()
  }
}
