import { DONE_SIGNAL } from './doneSignal.js'

/**
 * What every bench page shares: the settings the bench server writes into the HTML (no build per
 * emulator port), the signed-in app user, and the marks the runner reads back.
 */
export interface BenchPageConfig {
  appId: string
  region: string
  /** The Calls API base (the emulator's `sdkHosts.host`). */
  host: string
  tokenEndpoint: string
}

declare global {
  interface Window {
    __BENCH__?: BenchPageConfig
  }
}

const injected = window.__BENCH__
if (!injected) throw new Error('bench page: no config (serve it with the bench server)')
export const config: BenchPageConfig = injected

/** The app's signed-in user, as a real app knows it from its own session (a cookie here). */
export const appUid: string | null =
  /(?:^|;\s*)bench_uid=([^;]+)/.exec(document.cookie)?.[1] ?? null

/** The marks the runner reads back with `performance.getEntriesByName`. */
export const MARKS = {
  signInStart: 'bench:sign-in-start',
  sdkEvaluated: 'bench:sdk-evaluated',
  authenticated: 'bench:authenticated',
  callToken: 'bench:call-token',
  failed: 'bench:failed',
} as const

/** Marks a moment once (the first time only); the last one (call token or failure) ends the visit. */
export function mark(name: (typeof MARKS)[keyof typeof MARKS], detail?: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) {
    performance.mark(name, detail === undefined ? undefined : { detail })
    if (name === MARKS.callToken || name === MARKS.failed) console.debug(DONE_SIGNAL)
  }
}

/** The session id every page asks its first call token for. */
export const ROOM = 'bench-room'

/** 4.2.6 has no login: like core's v4 adapter, the first call token verifies the auth token. */
export const VERIFY_SESSION_ID = 'callsession-verify'

/** 4.2.6's `setHost` appends endpoints directly: one trailing slash. */
export const v4Host = (host: string) => `${host.replace(/\/+$/, '')}/`

/** The app's token endpoint, as the seed and the floor call it (core does the same request). */
export async function fetchAuthToken(): Promise<string> {
  const response = await fetch(config.tokenEndpoint, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'login' }),
  })
  if (!response.ok) throw new Error(`token endpoint: ${response.status}`)
  const grant = (await response.json()) as { authToken: string }
  return grant.authToken
}
