import type { MiddlewareHandler } from 'hono'
import { fail } from './envelope.js'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** Whether `hostname` names this machine: `localhost`, `*.localhost`, 127.0.0.1 or ::1. */
export const isLoopbackName = (hostname: string) =>
  LOOPBACK.has(hostname.toLowerCase()) || hostname.toLowerCase().endsWith('.localhost')

/**
 * CORS for browsers on this machine only: an `Origin` whose host is localhost, 127.0.0.1 or
 * [::1] (any port), or one listed in `extra`. Any other site gets no CORS headers, so a page on
 * the internet cannot read the emulator's answers.
 */
export function allowedOrigin(extra: readonly string[]) {
  return (origin: string): string | null => {
    if (extra.includes(origin)) return origin
    try {
      const { protocol, hostname } = new URL(origin)
      return (protocol === 'http:' || protocol === 'https:') && isLoopbackName(hostname)
        ? origin
        : null
    } catch {
      return null
    }
  }
}

/**
 * Refuses a request whose `Host` is not this machine or an allowed name: a DNS-rebinding page
 * (evil.example resolving to 127.0.0.1) reaches the port but carries its own Host. CometChat reads
 * the app from the host, so a foreign host answers `AUTH_ERR_INVALID_APPID`.
 */
export function hostGuard(allowedHosts: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()))
  return async (c, next) => {
    const host = c.req.header('host') ?? ''
    const hostname = host.replace(/:\d+$/, '').toLowerCase()
    if (isLoopbackName(hostname) || allowed.has(hostname) || allowed.has(host.toLowerCase())) {
      return next()
    }
    return fail(
      c,
      401,
      'AUTH_ERR_INVALID_APPID',
      `The host ${host || '(none)'} is not this emulator: only localhost, 127.0.0.1 and [::1] (and the allowedHosts option) are served, against DNS rebinding.`,
    )
  }
}
