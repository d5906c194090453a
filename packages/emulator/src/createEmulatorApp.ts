import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { errorBody, fail } from './envelope.js'
import { createFaults, createRequestLog } from './faults.js'
import { allowedOrigin, hostGuard } from './localOnly.js'
import { type RateLimits, rateLimit } from './rateLimit.js'
import { checkAppId } from './routes/appId.js'
import { authTokensRoutes } from './routes/authTokens.js'
import { callsRoutes } from './routes/calls.js'
import { callTokenRoutes } from './routes/callTokens.js'
import { controlRoutes } from './routes/controls.js'
import { sdkV5Routes } from './routes/sdkV5.js'
import { usersRoutes } from './routes/users.js'
import type { Store } from './store.js'

export interface EmulatorAppOptions {
  store: Store
  appId: string
  apiKey: string
  authKey: string
  now: () => number
  /** Resolves when every change made so far is persisted (answers wait for it). */
  flush: () => Promise<void>
  /** Bumped each time a failed write undid the changes since the last good one. */
  rollbacks: () => number
  /** Host names served besides localhost, 127.0.0.1 and [::1]. */
  allowedHosts: readonly string[]
  /** Browser origins allowed besides localhost ones. */
  corsOrigins: readonly string[]
  /** CometChat's app-wide limits; `false` turns limiting off. */
  rateLimits: RateLimits | false
}

/**
 * The emulator as a Hono app: REST v3 under `/v3`, Calls SDK v5 under `/v3.0`, Calls SDK 4.2.6
 * under `/calls/v3.0`, controls under `/__emulator` (API key required).
 */
export function createEmulatorApp(options: EmulatorAppOptions) {
  const { store, appId, apiKey, authKey, now, flush, rollbacks } = options
  const faults = createFaults()
  const log = createRequestLog(now)
  const app = new Hono()
  app.use('*', hostGuard(options.allowedHosts))
  app.use(
    '*',
    cors({
      origin: allowedOrigin(options.corsOrigins),
      allowHeaders: [
        'appId',
        'authToken',
        'authKey',
        'callToken',
        'apiKey',
        'content-type',
        'accept',
        'resource',
        'sdk',
      ],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      exposeHeaders: [
        'Retry-After',
        'X-Rate-Limit',
        'X-Rate-Limit-Remaining',
        'X-Rate-Limit-Reset',
      ],
    }),
  )
  app.use('*', log.middleware)
  // An acknowledged change is on disk (with a data file) before the answer leaves; a change whose
  // write failed was undone in memory, so its request must not be answered as a success.
  app.use('*', async (c, next) => {
    const before = rollbacks()
    await next()
    if (c.req.method === 'GET' || c.req.method === 'OPTIONS') return
    await flush().catch(() => {})
    if (rollbacks() !== before) {
      c.res = new Response(
        JSON.stringify({
          error: errorBody(
            'ERR_EXCEPTION',
            'The change could not be written to the data file and was undone.',
          ),
        }),
        { status: 500, headers: { 'content-type': 'application/json' } },
      )
    }
  })
  app.use(
    '*',
    bodyLimit({
      maxSize: 10 * 1024,
      onError: (c) => fail(c, 413, 'ERR_BAD_REQUEST', 'The request body is larger than 10 KB.'),
    }),
  )

  const requireApiKey = (c: Parameters<typeof fail>[0]) => {
    const key = c.req.header('apiKey')
    if (!key) return fail(c, 401, 'AUTH_ERR_EMPTY_APIKEY', 'The apiKey header is missing.')
    if (key !== apiKey)
      return fail(c, 401, 'AUTH_ERR_APIKEY_NOT_FOUND', 'The apiKey is not valid for this app.')
    return undefined
  }
  const controls = new Hono()
  // Controls reset data, inject faults and read the log: only whoever holds the API key.
  controls.use('*', async (c, next) => requireApiKey(c) ?? next())
  controls.route('/', controlRoutes(store, faults, log))
  app.route('/__emulator', controls)

  app.use('*', faults.middleware)
  if (options.rateLimits) app.use('*', rateLimit(options.rateLimits, now))

  const v3 = new Hono()
  v3.use('*', async (c, next) => {
    const refused = requireApiKey(c)
    if (refused) return refused
    // The REST API reads the app from its host; a client that also names one must name this one.
    if (c.req.header('appId') !== undefined) {
      const wrongApp = checkAppId(c, appId)
      if (wrongApp) return wrongApp
    }
    return next()
  })
  v3.route('/users/:uid/auth_tokens', authTokensRoutes(store))
  v3.route('/users', usersRoutes(store))
  app.route('/v3', v3)
  const callTokens = callTokenRoutes(store, { appId })
  // 4.2.6: one base (`setHost`, with its trailing slash), no appId header on call tokens.
  app.route('/calls/v3.0', callTokens)
  app.route('/calls/v3.0', callsRoutes(store, { appId, authKey }))
  // v5: `host`, `clientHost` and `adminHost` all point at /v3.0 (`sdkHosts`).
  const v5 = sdkV5Routes(store, { appId, authKey })
  v5.route('/', callTokens)
  app.route('/v3.0', v5)
  // CometChat's documented server-fault code; the message never carries a header or a body.
  app.onError((_error, c) => fail(c, 500, 'ERR_EXCEPTION', 'The emulator failed to answer.'))
  app.notFound((c) =>
    fail(c, 404, 'ERR_API_NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`),
  )
  return app
}
