import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/** The answer of a rate limiter for one hit. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterMs: number }

/**
 * Counts hits per key (the token handler's key is the uid). Async so that a shared store (Redis) can
 * implement it; `rate-limiter-flexible` has a Redis limiter with the same `consume` shape.
 */
export interface RateLimiter {
  consume(key: string): Promise<RateLimitResult>
}

/** Options of `createMemoryRateLimiter`. */
export interface MemoryRateLimiterOptions {
  /** Hits allowed per key in one window. */
  limit: number
  /** Window length in seconds. */
  windowSeconds: number
}

/** An in-process fixed-window limiter (rate-limiter-flexible's `RateLimiterMemory`): one process only. */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  if (!(options.limit >= 1) || !(options.windowSeconds >= 1))
    throw new RangeError('createMemoryRateLimiter: limit and windowSeconds must be at least 1')
  return fromFlexibleLimiter(
    new RateLimiterMemory({ points: options.limit, duration: options.windowSeconds }),
  )
}

/** Our `RateLimiter` over any rate-limiter-flexible limiter (memory or Redis): a refusal is data. */
export function fromFlexibleLimiter(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key)
        return { allowed: true }
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes)
          return { allowed: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) }
        throw refusal
      }
    },
  }
}
