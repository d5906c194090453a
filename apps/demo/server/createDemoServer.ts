import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@callsession/emulator'
import { createCometChatClient } from '@callsession/server'
import { getRequestListener } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { createAppUsers, type SessionPolicy } from './appUsers.js'
import { createApi, type DevControls } from './createApi.js'
import { isAllowedHost } from './requestGuards.js'
import { securityHeaders } from './securityHeaders.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Hostnames a development server answers to unless told otherwise. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const

export interface DemoServerOptions {
  /**
   * `production` (the default: a copied demo is safe unless asked otherwise) serves `distDir`;
   * `development` runs Vite with HMR and the dev-only routes (the Auth Key, token expiry).
   */
  mode?: 'development' | 'production'
  port?: number
  host?: string
  /** The built app (production). Default `apps/demo/dist`. */
  distDir?: string
  /** Lifetime of the tokens the token endpoint issues (the app's policy). Default 120 s for the demo. */
  tokenTtlSeconds?: number
  env?: Record<string, string | undefined>
  log?: (line: string) => void
  /**
   * Hostnames (the Host header without port) the server answers to; others get 403 (DNS
   * rebinding). Development default: localhost, 127.0.0.1, [::1]. Production default: any, as a
   * deployed demo sits behind its own domain; set it to that domain when you can.
   */
  allowedHosts?: string[]
  /** Believe the proxy's `X-Forwarded-Proto` (only behind a TLS proxy that sets it). Default false. */
  trustProxy?: boolean
  /** App users who may import (default `cometchat-uid-1`). */
  admins?: string[]
  sessions?: SessionPolicy
  /** Import jobs: creates per minute for all imports together, and how long a finished job is kept. */
  imports?: { ratePerMinute?: number; keepFinishedMs?: number }
}

/**
 * The demo's backend and app on one port. With `COMETCHAT_APP_ID`, `COMETCHAT_REGION` and
 * `COMETCHAT_API_KEY` it talks to real CometChat; without them it starts the emulator in-process.
 */
export async function createDemoServer(options: DemoServerOptions) {
  const env = options.env ?? process.env
  const log = options.log ?? ((line: string) => console.log(line))
  const dev = options.mode === 'development'
  const allowedHosts =
    options.allowedHosts?.map((h) => h.toLowerCase()) ?? (dev ? [...LOCAL_HOSTS] : undefined)
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 120
  const real =
    env.COMETCHAT_APP_ID && env.COMETCHAT_REGION && env.COMETCHAT_API_KEY
      ? { appId: env.COMETCHAT_APP_ID, region: env.COMETCHAT_REGION, apiKey: env.COMETCHAT_API_KEY }
      : undefined
  const distDir = options.distDir ?? join(root, 'dist')
  const index = dev
    ? ''
    : await readFile(join(distDir, 'index.html'), 'utf8').catch(() => {
        throw new Error(
          `no built app in ${distDir}: run \`pnpm build\` first, or \`pnpm demo\` for the development server`,
        )
      })
  const emulator = real ? undefined : await startEmulator({ port: 0 })
  const appId = real?.appId ?? emulator?.appId ?? 'emulator-app'
  const region = real?.region ?? emulator?.region ?? 'us'
  const cometchat = createCometChatClient(
    real ?? { appId, region, apiKey: emulator?.apiKey ?? '', baseUrl: emulator?.restBaseUrl },
  )
  if (emulator)
    log(`CometChat: no COMETCHAT_* credentials, using the local emulator at ${emulator.url}`)
  else log(`CometChat: app ${appId} in region ${region}`)

  const admins = new Set(options.admins ?? ['cometchat-uid-1'])
  const users = createAppUsers(
    [1, 2, 3, 4, 5].map((n) => {
      const id = `cometchat-uid-${n}`
      return { id, name: `Sample user ${n}`, role: admins.has(id) ? 'admin' : 'user' } as const
    }),
    options.sessions,
  )
  const stats = { tokenRequests: 0 }
  const devControls: DevControls | undefined = dev
    ? {
        authKey: real ? env.COMETCHAT_AUTH_KEY : emulator?.authKey,
        allowedHosts: allowedHosts ?? [...LOCAL_HOSTS],
        async expireTokens(uid) {
          if (!emulator) throw new Error('expiring tokens needs the emulator')
          const response = await emulator.control(
            'POST',
            `users/${encodeURIComponent(uid)}/expire-tokens`,
          )
          if (!response.ok) throw new Error(`emulator answered ${response.status}`)
        },
      }
    : undefined
  const api = createApi({
    cometchat,
    users,
    stats,
    dev: devControls,
    config: {
      appId,
      region,
      callsHost: emulator?.callsHost,
      emulator: !!emulator,
      tokenTtlSeconds,
    },
    trustProxy: options.trustProxy === true,
    ...(options.imports ? { imports: options.imports } : {}),
  })
  const headers = securityHeaders({
    dev,
    connectOrigins: emulator ? [new URL(emulator.url).origin] : [],
  })
  const app = new Hono().route('/api', api)
  /** Host allow-list first, then the security headers, for every request (Vite's too). */
  const guard = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (allowedHosts && !isAllowedHost(req.headers.host, allowedHosts)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('this host is not allowed\n')
      return false
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
    return true
  }

  const server = createServer()
  let close: () => Promise<void>
  if (dev) {
    const { createServer: createVite } = await import('vite')
    const vite = await createVite({
      root,
      configFile: join(root, 'vite.config.ts'),
      appType: 'spa',
      server: {
        middlewareMode: true,
        hmr: { server },
        // Vite's own Host check, kept in step with ours (it always allows localhost and IPs).
        allowedHosts: (allowedHosts ?? []).filter((h) => !h.startsWith('[')),
      },
      logLevel: 'warn',
    })
    const handleApi = getRequestListener(app.fetch)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!guard(req, res)) return
      if (req.url?.startsWith('/api/')) void handleApi(req, res)
      else vite.middlewares(req, res)
    })
    close = () => vite.close()
  } else {
    app.use('/*', serveStatic({ root: distDir }))
    app.get('*', (c) => c.html(index))
    const listener = getRequestListener(app.fetch)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (guard(req, res)) void listener(req, res)
    })
    close = async () => {}
  }
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolveListen)
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${options.host ?? 'localhost'}:${port}`
  return {
    url,
    stats,
    emulator,
    async close() {
      await close()
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      await emulator?.close()
    },
  }
}
