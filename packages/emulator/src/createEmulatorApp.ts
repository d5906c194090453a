import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { fail } from './envelope.js'
import { createFaults, createRequestLog } from './faults.js'
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
}

/**
 * The emulator as a Hono app: REST v3 under `/v3`, Calls SDK v5 under `/v3.0`, Calls SDK 4.2.6
 * under `/calls/v3.0`, controls under `/__emulator`.
 */
export function createEmulatorApp({
  store,
  appId,
  apiKey,
  authKey,
  now,
  flush,
}: EmulatorAppOptions) {
  const faults = createFaults()
  const log = createRequestLog(now)
  const app = new Hono()
  app.use(
    '*',
    cors({
      origin: (origin) => origin,
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
      exposeHeaders: ['Retry-After', 'X-Rate-Limit', 'X-Rate-Limit-Remaining'],
    }),
  )
  app.use('*', log.middleware)
  // An acknowledged change is on disk (with a data file) before the answer leaves.
  app.use('*', async (c, next) => {
    await next()
    if (c.req.method !== 'GET' && c.req.method !== 'OPTIONS') await flush()
  })
  app.use(
    '*',
    bodyLimit({
      maxSize: 10 * 1024,
      onError: (c) => fail(c, 413, 'ERR_BAD_REQUEST', 'The request body is larger than 10 KB.'),
    }),
  )
  app.route('/__emulator', controlRoutes(store, faults, log))
  app.use('*', faults.middleware)

  const v3 = new Hono()
  v3.use('*', async (c, next) => {
    const key = c.req.header('apiKey')
    if (!key) return fail(c, 401, 'AUTH_ERR_EMPTY_APIKEY', 'The apiKey header is missing.')
    if (key !== apiKey)
      return fail(c, 401, 'AUTH_ERR_APIKEY_NOT_FOUND', 'The apiKey is not valid for this app.')
    c.header('X-Rate-Limit', '10000')
    c.header('X-Rate-Limit-Remaining', '9999')
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
  app.onError((error, c) =>
    fail(c, 500, 'ERR_EXCEPTION', error instanceof Error ? error.message : 'internal error'),
  )
  app.notFound((c) =>
    fail(c, 404, 'ERR_API_NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`),
  )
  return app
}
