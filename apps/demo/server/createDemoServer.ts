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
import { createAppUsers } from './appUsers.js'
import { createApi, type DevControls } from './createApi.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export interface DemoServerOptions {
  /** `development`: Vite dev server with HMR and the dev-only routes; `production`: serves `distDir`. */
  mode: 'development' | 'production'
  port?: number
  host?: string
  /** The built app (production). Default `apps/demo/dist`. */
  distDir?: string
  /** Lifetime of the tokens the token endpoint issues (the app's policy). Default 120 s for the demo. */
  tokenTtlSeconds?: number
  env?: Record<string, string | undefined>
  log?: (line: string) => void
}

/**
 * The demo's backend and app on one port. With `COMETCHAT_APP_ID`, `COMETCHAT_REGION` and
 * `COMETCHAT_API_KEY` it talks to real CometChat; without them it starts the emulator in-process.
 */
export async function createDemoServer(options: DemoServerOptions) {
  const env = options.env ?? process.env
  const log = options.log ?? ((line: string) => console.log(line))
  const dev = options.mode === 'development'
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 120
  const real =
    env.COMETCHAT_APP_ID && env.COMETCHAT_REGION && env.COMETCHAT_API_KEY
      ? { appId: env.COMETCHAT_APP_ID, region: env.COMETCHAT_REGION, apiKey: env.COMETCHAT_API_KEY }
      : undefined
  const emulator = real ? undefined : await startEmulator({ port: 0 })
  const appId = real?.appId ?? emulator?.appId ?? 'emulator-app'
  const region = real?.region ?? emulator?.region ?? 'us'
  const cometchat = createCometChatClient(
    real ?? { appId, region, apiKey: emulator?.apiKey ?? '', baseUrl: emulator?.restBaseUrl },
  )
  if (emulator)
    log(`CometChat: no COMETCHAT_* credentials, using the local emulator at ${emulator.url}`)
  else log(`CometChat: app ${appId} in region ${region}`)

  const users = createAppUsers(
    [1, 2, 3, 4, 5].map((n) => ({ id: `cometchat-uid-${n}`, name: `Sample user ${n}` })),
  )
  const stats = { tokenRequests: 0 }
  const devControls: DevControls | undefined = dev
    ? {
        authKey: real ? env.COMETCHAT_AUTH_KEY : emulator?.authKey,
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
  })
  const app = new Hono().route('/api', api)

  const server = createServer()
  let close: () => Promise<void>
  if (dev) {
    const { createServer: createVite } = await import('vite')
    const vite = await createVite({
      root,
      configFile: join(root, 'vite.config.ts'),
      appType: 'spa',
      server: { middlewareMode: true, hmr: { server } },
      logLevel: 'warn',
    })
    const handleApi = getRequestListener(app.fetch)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/api/')) void handleApi(req, res)
      else vite.middlewares(req, res)
    })
    close = () => vite.close()
  } else {
    const distDir = options.distDir ?? join(root, 'dist')
    const index = await readFile(join(distDir, 'index.html'), 'utf8')
    app.use('/*', serveStatic({ root: distDir }))
    app.get('*', (c) => c.html(index))
    server.on('request', getRequestListener(app.fetch))
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
