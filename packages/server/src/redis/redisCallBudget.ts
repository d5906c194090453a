import { setTimeout as delay } from 'node:timers/promises'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { CallLimiter } from '../client/http.js'
import { CometChatApiError } from '../errors.js'
import { DEFAULT_PREFIX, type RedisStoreOptions } from './redisClient.js'

/** Options of `createRedisCallBudget`. */
export interface RedisCallBudgetOptions extends RedisStoreOptions {
  /**
   * CometChat calls the whole fleet may send per window. Keep it a little under the plan's
   * app-wide limit (e.g. 9,000 of the documented 10,000/min): calls in transit across a window's
   * edge and clock skew land in CometChat's next window.
   */
  limit: number
  /** Window length in seconds (default 60, CometChat's documented per-minute limits). */
  windowSeconds?: number
  /**
   * While Redis cannot be reached, each instance admits `limit / instances` per window on its own
   * (rate-limiter-flexible's insurance limiter) rather than failing every call (default 1: the whole
   * budget, so set it to the fleet size).
   */
  instances?: number
  /**
   * No call is admitted in the last `guardMs` of a window (default 30% of it, at most 1 s): a call
   * still in transit when the window ends would land in CometChat's next window, on top of that
   * window's budget. Measured on a loaded 2-core machine with 1-s windows: 100 ms let up to 23%
   * over the budget arrive in one second, 300 ms none.
   */
  guardMs?: number
}

/**
 * A fleet-wide budget of CometChat calls on Redis (rate-limiter-flexible's `RateLimiterRedis`),
 * for `createCometChatClient({ limiter })`: each attempt takes one point; with none left it waits
 * for the next window, unless that is past the call's deadline: then it throws a 429-like
 * `CometChatApiError` with `retryAfterMs` (the token handler answers 503 with `Retry-After`).
 * Windows are aligned to the clock (like CometChat's `X-Rate-Limit-Reset`), not to the first call.
 */
export function createRedisCallBudget(options: RedisCallBudgetOptions): CallLimiter {
  const windowMs = (options.windowSeconds ?? 60) * 1000
  if (!(options.limit >= 1) || !(windowMs >= 1000))
    throw new RangeError('createRedisCallBudget: limit and windowSeconds must be at least 1')
  const guardMs = Math.min(options.guardMs ?? Math.min(1000, windowMs * 0.3), windowMs / 2)
  const duration = windowMs / 1000 + 1
  const limiter = new RateLimiterRedis({
    storeClient: options.client,
    useRedisPackage: true,
    keyPrefix: `${options.prefix ?? DEFAULT_PREFIX}cometchat-budget`,
    // A Redis that is down must not queue every CometChat call behind its reconnect: refuse at
    // once, and the insurance limiter below answers instead.
    rejectIfRedisNotReady: true,
    points: options.limit,
    // The key names its window; it only has to outlive it.
    duration,
    insuranceLimiter: new RateLimiterMemory({
      points: Math.max(1, Math.floor(options.limit / Math.max(1, options.instances ?? 1))),
      duration,
    }),
  })
  return {
    async acquire({ signal, deadline }) {
      for (;;) {
        if (signal?.aborted) throw aborted()
        const now = Date.now()
        const window = Math.floor(now / windowMs)
        if (now < (window + 1) * windowMs - guardMs) {
          try {
            await limiter.consume(String(window))
            // Redis answered after the guard began: the point is spent, the call waits.
            if (Date.now() < (window + 1) * windowMs - guardMs / 2) return
          } catch (refusal) {
            if (!(refusal instanceof RateLimiterRes)) throw refusal
          }
        }
        const wait = (window + 1) * windowMs - Date.now()
        if (deadline !== undefined && Date.now() + wait >= deadline)
          throw new CometChatApiError(
            'ERR_TOO_MANY_REQUESTS',
            'the fleet-wide budget of CometChat calls is used up until after this request’s deadline',
            { status: 429, retryAfterMs: Math.max(1, wait) },
          )
        // A few ms of jitter so the waiters of every instance do not all hit Redis at once.
        await delay(Math.max(0, wait) + Math.random() * 20, undefined, { signal }).catch(() => {
          throw aborted()
        })
      }
    },
  }
}

function aborted(): CometChatApiError {
  return new CometChatApiError('ABORTED', 'the call was cancelled while waiting for the budget')
}
