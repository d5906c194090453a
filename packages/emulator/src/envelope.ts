import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * What every error envelope names as its `source`. CometChat's bodies carry one; the v5 SDK
 * reports "Unknown API error format received from server" unless `code`, `message`,
 * `devMessage` and `source` are all present.
 */
export const ERROR_SOURCE = 'callsession-emulator'

/** The body of a CometChat error: all four fields the v5 SDK requires, `details` per field. */
export interface ErrorBody {
  code: string
  message: string
  devMessage: string
  source: string
  details?: Record<string, string[]> | undefined
}

/** Builds CometChat's error body; `devMessage` defaults to the message. */
export function errorBody(
  code: string,
  message: string,
  { details, devMessage }: { details?: Record<string, string[]>; devMessage?: string } = {},
): ErrorBody {
  return {
    code,
    message,
    devMessage: devMessage ?? message,
    source: ERROR_SOURCE,
    ...(details ? { details } : {}),
  }
}

/** CometChat's error envelope: `{ error: { code, message, devMessage, source, details? } }`. */
export function fail(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: Record<string, string[]> | undefined,
): Response {
  return c.json({ error: errorBody(code, message, details ? { details } : {}) }, status)
}

/** CometChat's list envelope with its pagination meta. */
export function page<T>(c: Context, items: T[]): Response {
  const perPage = clamp(Number(c.req.query('perPage') ?? 100), 1, 1000, 100)
  const current = clamp(Number(c.req.query('page') ?? 1), 1, Number.MAX_SAFE_INTEGER, 1)
  const total = items.length
  return c.json({
    data: items.slice((current - 1) * perPage, current * perPage),
    meta: {
      pagination: {
        total,
        count: Math.max(0, Math.min(perPage, total - (current - 1) * perPage)),
        per_page: perPage,
        current_page: current,
        total_pages: Math.max(1, Math.ceil(total / perPage)),
      },
    },
  })
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback
}
