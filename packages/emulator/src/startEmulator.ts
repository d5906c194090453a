import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createEmulatorApp } from './createEmulatorApp.js'
import { emulatorControl } from './emulatorControl.js'
import { createWriter, lockDataFile, readSnapshot, removeStaleTempFiles } from './persistence.js'
import { DOCUMENTED_RATE_LIMITS, type RateLimits } from './rateLimit.js'
import { createStore } from './store.js'

/** The emulator's well-known development credentials (like the Firebase emulators' fake keys). */
export const EMULATOR_DEFAULTS = {
  appId: 'emulator-app',
  region: 'us',
  apiKey: 'emulator-api-key',
  authKey: 'emulator-auth-key',
} as const

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number | undefined
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string | undefined
  appId?: string | undefined
  region?: string | undefined
  /** The REST API key the `apiKey` header must carry. */
  apiKey?: string | undefined
  /** The Auth Key of the development-only Auth-Key login. */
  authKey?: string | undefined
  /** Auth tokens older than this are refused (CometChat's never expire; this makes an app's policy real). */
  tokenTtlSeconds?: number | undefined
  /**
   * Persist users and tokens here (atomic writes, a `.lock` against a second emulator, a schema
   * check at load) and load them at start. Default: memory only.
   */
  dataFile?: string | undefined
  /** Host names served besides localhost, 127.0.0.1 and [::1] (the Host header is checked). */
  allowedHosts?: string[] | undefined
  /** Browser origins allowed by CORS besides localhost ones. */
  corsOrigins?: string[] | undefined
  /**
   * CometChat's app-wide limits per minute (default the documented 10,000 core / 20,000
   * standard); `false` turns limiting off.
   */
  rateLimits?: Partial<RateLimits> | false | undefined
  /** Seed cometchat-uid-1 … 5 (default true; not over loaded data). */
  seedSampleUsers?: boolean | undefined
  /** The clock, in epoch ms (tests move it to expire tokens). */
  now?: () => number
}

/** The three bases of Calls SDK v5, as its `init` settings name them. */
export interface SdkHosts {
  /** Plays `https://{appId}.call-{region}.cometchat.io/v3.0` (call tokens). */
  host: string
  /** Plays `https://{appId}.apiclient-{region}.cometchat.io/v3.0` (`/me`, `/user_sessions`). */
  clientHost: string
  /** Plays `https://{appId}.api-{region}.cometchat.io/v3.0` (the Auth-Key step). */
  adminHost: string
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** Plays `https://{appId}.api-{region}.cometchat.io/v3`. */
  restBaseUrl: string
  /** Calls SDK 4.2.6: pass as is to `CallAppSettingsBuilder().setHost` (ends with `/`). */
  callsHost: string
  /**
   * Calls SDK v5: pass to `CometChatCalls.init({ appId, region, ...sdkHosts })`. Each is
   * `${url}/v3.0` with no trailing slash (v5 requests `${base}/${endpoint}`).
   */
  sdkHosts: SdkHosts
  appId: string
  region: string
  apiKey: string
  authKey: string
  /**
   * Calls a control under `/__emulator/` with the API key (controls need it), e.g.
   * `control('POST', 'faults', { route: '*', status: 503, times: 1 })`.
   */
  control(method: string, path: string, body?: unknown): Promise<Response>
  close(): Promise<void>
}

/**
 * Starts a local CometChat: REST v3 (users, auth tokens), the calls API the Calls SDK uses, the
 * dev Auth-Key login and test controls under `/__emulator/`.
 * @example const emulator = await startEmulator({ port: 0 }); … await emulator.close()
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { appId, region, apiKey, authKey } = { ...EMULATOR_DEFAULTS, ...definedOnly(options) }
  const now = options.now ?? Date.now
  let schedule = () => {}
  const store = createStore({
    now,
    tokenTtlSeconds: options.tokenTtlSeconds,
    onChange: () => schedule(),
  })
  let flush = () => Promise.resolve()
  let rollbacks = () => 0
  let unlock = () => Promise.resolve()
  if (options.dataFile) {
    const file = options.dataFile
    unlock = await lockDataFile(file)
    try {
      await removeStaleTempFiles(file)
      const saved = await readSnapshot(file)
      if (saved) store.load(saved)
      const writer = createWriter(file, store.snapshot, { saved, undo: store.load })
      // A failed write is answered through flush(); this promise is only the scheduling.
      schedule = () => void writer.schedule().catch(() => {})
      flush = writer.flush
      rollbacks = writer.rollbacks
      if (!saved && options.seedSampleUsers !== false) store.seedSampleUsers()
      if (options.tokenTtlSeconds !== undefined) store.setTokenTtl(options.tokenTtlSeconds)
      await flush()
    } catch (error) {
      await unlock()
      throw error
    }
  } else {
    if (options.seedSampleUsers !== false) store.seedSampleUsers()
    if (options.tokenTtlSeconds !== undefined) store.setTokenTtl(options.tokenTtlSeconds)
  }
  const app = createEmulatorApp({
    store,
    appId,
    apiKey,
    authKey,
    now,
    flush,
    rollbacks,
    allowedHosts: options.allowedHosts ?? [],
    corsOrigins: options.corsOrigins ?? [],
    rateLimits:
      options.rateLimits === false ? false : { ...DOCUMENTED_RATE_LIMITS, ...options.rateLimits },
  })
  const host = options.host ?? '127.0.0.1'
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(started),
    )
    started.once('error', reject)
  }).catch(async (error: unknown) => {
    await unlock()
    throw error
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    url,
    ...basesAt(url),
    appId,
    region,
    apiKey,
    authKey,
    control: (method, path, body) => emulatorControl({ url, apiKey }, method, path, body),
    async close() {
      await flush().catch(() => {})
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      })
      await unlock()
    },
  }
}

/** Where each client finds the emulator at `url`: REST v3, Calls SDK 4.2.6, Calls SDK v5. */
function basesAt(url: string) {
  const v5 = `${url}/v3.0`
  return {
    restBaseUrl: `${url}/v3`,
    callsHost: `${url}/calls/v3.0/`,
    sdkHosts: { host: v5, clientHost: v5, adminHost: v5 },
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** An emulator without a socket: its `fetch` answers requests to `url` in process. */
export interface InProcessEmulator extends Omit<RunningEmulator, 'close' | 'control'> {
  /** `fetch` for requests to this emulator (e.g. the v5 model's `fetch` option). */
  fetch: typeof fetch
}

/**
 * The emulator in process, in memory, with no rate limits: for tests on a fake clock, where real
 * sockets would race the fake time. Same routes and rules as `startEmulator`, at `url`.
 * @example const cometchat = createInProcessEmulator(); createCometChatCallsV5Model({ fetch: cometchat.fetch })
 */
export function createInProcessEmulator(
  options: Omit<EmulatorOptions, 'port' | 'host' | 'dataFile'> = {},
): InProcessEmulator {
  const { appId, region, apiKey, authKey } = { ...EMULATOR_DEFAULTS, ...definedOnly(options) }
  const now = options.now ?? (() => Date.now())
  const store = createStore({ now, tokenTtlSeconds: options.tokenTtlSeconds, onChange: () => {} })
  if (options.seedSampleUsers !== false) store.seedSampleUsers()
  if (options.tokenTtlSeconds !== undefined) store.setTokenTtl(options.tokenTtlSeconds)
  const url = 'http://emulator.test'
  const app = createEmulatorApp({
    store,
    appId,
    apiKey,
    authKey,
    now,
    flush: () => Promise.resolve(),
    rollbacks: () => 0,
    allowedHosts: ['emulator.test', ...(options.allowedHosts ?? [])],
    corsOrigins: options.corsOrigins ?? [],
    rateLimits: false,
  })
  return {
    url,
    ...basesAt(url),
    appId,
    region,
    apiKey,
    authKey,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      // What a socket would carry: the Host header the emulator checks against DNS rebinding.
      request.headers.set('host', new URL(request.url).host)
      return app.fetch(request)
    },
  }
}
