import type { MiddlewareHandler } from 'hono'

/** How the demo sees requests arriving through a proxy. */
export interface ProxyTrust {
  /** Believe `X-Forwarded-Proto` (set only behind a TLS proxy that overwrites it). */
  trustProxy: boolean
}

/** The protocol the browser used: the socket's, or the proxy's word when trusted. */
export function requestProtocol(request: Request, { trustProxy }: ProxyTrust): 'http' | 'https' {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
    if (forwarded === 'https' || forwarded === 'http') return forwarded
  }
  return new URL(request.url).protocol === 'https:' ? 'https' : 'http'
}

/** The hostname of a Host header value (`[::1]:5173` gives `[::1]`), lowercased. */
export function hostnameOf(host: string | undefined | null): string {
  if (!host) return ''
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  return h.split(':')[0] ?? ''
}

/**
 * True when the Host header names one of `allowed` hosts. Against DNS rebinding: a page of
 * evil.example whose name now resolves to 127.0.0.1 still sends `Host: evil.example`.
 */
export const isAllowedHost = (host: string | undefined | null, allowed: readonly string[]) =>
  allowed.includes(hostnameOf(host))

/**
 * Refuses state-changing requests another site started (CSRF, login CSRF): `Sec-Fetch-Site`
 * must say same-origin, or else `Origin` must be this origin. A request with neither comes from
 * no browser (curl, a server) and cannot carry a victim's cookies, so it passes. Hono's `csrf()`
 * checks only form content types and cannot know about a trusted proxy, hence this one.
 */
export function sameOriginOnly(trust: ProxyTrust): MiddlewareHandler {
  return async (c, next) => {
    if (/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) return next()
    const site = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    const own = `${requestProtocol(c.req.raw, trust)}://${c.req.header('host') ?? ''}`
    const refused =
      site !== undefined
        ? site !== 'same-origin' && site !== 'none'
        : origin !== undefined && origin !== own
    if (refused)
      return c.json(
        { error: { code: 'CROSS_SITE_REQUEST', message: 'requests from other sites are refused' } },
        403,
      )
    return next()
  }
}

/** Refuses a body that is not JSON (a `text/plain` form post needs no CORS preflight). */
export const jsonBodyOnly: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json')
    return c.json(
      { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' } },
      415,
    )
  return next()
}
