/** What the page may load, and from where. */
export interface SecurityHeadersOptions {
  /** Vite's dev server injects an inline React-refresh preamble: dev only allows inline scripts. */
  dev: boolean
  /** Extra origins the page calls (the emulator's, when the demo runs on it). */
  connectOrigins?: string[]
}

/**
 * The headers every response of the demo carries. The Calls SDK itself loads Google Fonts (an
 * `@import` in a `<style>` it injects), scripts and images from cdn.cometchat.io, evaluates its
 * bundled media stack with `eval`, and talks to `*.cometchat.io` over HTTPS and WebSocket: the
 * policy allows exactly that (checked in Chromium by csp.browser.test.ts), and no framing
 * (`frame-ancestors 'none'`, with X-Frame-Options for older browsers).
 */
export function securityHeaders({ dev, connectOrigins = [] }: SecurityHeadersOptions) {
  const csp = [
    "default-src 'self'",
    // 'unsafe-eval': Calls SDK 4.2.6 evaluates its bundled jQuery, lib-jitsi-meet and Strophe with
    // eval at import (webpack script-loader) and swallows the error: without it calls cannot start.
    `script-src 'self' https://cdn.cometchat.io 'unsafe-eval' 'wasm-unsafe-eval'${dev ? " 'unsafe-inline'" : ''}`,
    "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
    "font-src 'self' data: https://fonts.gstatic.com",
    // Avatars are any https URL a user gave; the SDK shows cdn.cometchat.io backgrounds.
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: mediastream:",
    ['connect-src', "'self'", 'https://*.cometchat.io', 'wss://*.cometchat.io', ...connectOrigins]
      .filter(Boolean)
      .join(' '),
    "worker-src 'self' blob:",
    "frame-src 'self' https://*.cometchat.io",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self)',
  } as const
}
