import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** CometChat's error envelope: `{ error: { code, message, details? } }`. */
export function fail(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: Record<string, string[]>,
): Response {
  return c.json({ error: { code, message, ...(details ? { details } : {}) } }, status)
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
