import { setTimeout as delay } from 'node:timers/promises'
import type { MiddlewareHandler } from 'hono'
import { errorBody } from './envelope.js'

/** A fault injected on the routes whose `METHOD /path` starts with `route`. */
export interface Fault {
  /** e.g. `POST /v3/users`, `POST /calls/v3.0/call_tokens`, or `*` for every route. */
  route: string
  /** Answer with this status (CometChat's error envelope) instead of the real answer. */
  status?: number | undefined
  /** Seconds for a `Retry-After` header (with 429 or 503). */
  retryAfter?: number | undefined
  /** Wait this long before answering (or failing). */
  latencyMs?: number | undefined
  /** How many requests it applies to (default: until cleared). */
  times?: number | undefined
}

/** CometChat's code for an injected status: its documented server-fault and rate-limit codes. */
const codeFor = (status: number) =>
  status === 429
    ? 'ERR_TOO_MANY_REQUESTS'
    : status === 500
      ? 'ERR_EXCEPTION'
      : status >= 500
        ? 'ERR_MISSION_FAILED'
        : status === 404
          ? 'ERR_API_NOT_FOUND'
          : status === 401
            ? 'AUTH_ERR_APIKEY_NOT_FOUND'
            : 'ERR_BAD_REQUEST'

/** The injected faults and the middleware that applies them. */
export function createFaults() {
  let faults: Fault[] = []
  const middleware: MiddlewareHandler = async (c, next) => {
    const key = `${c.req.method} ${new URL(c.req.url).pathname}`
    const fault = faults.find((f) => f.route === '*' || key.startsWith(f.route))
    if (!fault) return next()
    if (fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault)
    if (fault.latencyMs) await delay(fault.latencyMs)
    if (!fault.status) return next()
    if (fault.retryAfter !== undefined) c.header('Retry-After', String(fault.retryAfter))
    const code = codeFor(fault.status)
    return c.json({ error: errorBody(code, `Injected fault: ${code}`) }, fault.status as 500)
  }
  return {
    middleware,
    add(fault: Fault) {
      faults.push({ ...fault })
    },
    clear() {
      faults = []
    },
    list: () => faults,
  }
}

export type Faults = ReturnType<typeof createFaults>

/** One line of the request log: never a header value, a body or a token. */
export interface LogEntry {
  at: number
  method: string
  path: string
  status: number
}

/** Records every request (paths with tokens redacted) for tests and the demo to read. */
export function createRequestLog(now: () => number, limit = 5000) {
  const entries: LogEntry[] = []
  const middleware: MiddlewareHandler = async (c, next) => {
    // When the request arrived (as the rate limit counts it), not when its answer left.
    const at = now()
    await next()
    const path = new URL(c.req.url).pathname.replace(/(auth_tokens\/)[^/]+/, '$1:authToken')
    if (path.startsWith('/__emulator')) return
    entries.push({ at, method: c.req.method, path, status: c.res.status })
    if (entries.length > limit) entries.splice(0, entries.length - limit)
  }
  return { middleware, entries, clear: () => entries.splice(0) }
}
