import { Hono } from 'hono'
import { fail } from '../envelope.js'
import type { Fault, Faults } from '../faults.js'
import type { Store } from '../store.js'

/** Test and demo controls under `/__emulator/`: not part of CometChat's API. */
export function controlRoutes(
  store: Store,
  faults: Faults,
  log: { entries: unknown[]; clear(): void },
) {
  const app = new Hono()
  app.post('/reset', (c) => {
    store.reset()
    faults.clear()
    log.clear()
    return c.json({ data: { reset: true } })
  })
  app.get('/config', (c) => c.json({ data: { tokenTtlSeconds: store.tokenTtlSeconds } }))
  app.put('/config', async (c) => {
    const body = await c.req.json<{ tokenTtlSeconds?: unknown }>().catch(() => undefined)
    const ttl = body?.tokenTtlSeconds
    if (ttl !== null && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0)) {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'tokenTtlSeconds must be a positive number or null.')
    }
    store.setTokenTtl(ttl)
    return c.json({ data: { tokenTtlSeconds: ttl } })
  })
  // Every current token of the user stops working now (as if it had expired or been revoked).
  app.post('/users/:uid/expire-tokens', (c) => {
    const uid = c.req.param('uid').toLowerCase()
    if (!store.getUser(uid))
      return fail(c, 404, 'ERR_UID_NOT_FOUND', `The uid ${uid} does not exist.`)
    store.expireTokensOf(uid)
    return c.json({ data: { expired: store.tokensOf(uid).length } })
  })
  app.get('/faults', (c) => c.json({ data: faults.list() }))
  app.post('/faults', async (c) => {
    const body = await c.req.json<Partial<Fault>>().catch(() => undefined)
    if (typeof body?.route !== 'string' || body.route === '') {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'route is required, e.g. "POST /v3/users".')
    }
    const status = body.status
    if (status !== undefined && (!Number.isInteger(status) || status < 400 || status > 599)) {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'status must be a 4xx or 5xx code.')
    }
    faults.add({
      route: body.route,
      ...(status !== undefined && { status }),
      ...(typeof body.retryAfter === 'number' && { retryAfter: body.retryAfter }),
      ...(typeof body.latencyMs === 'number' && { latencyMs: Math.min(body.latencyMs, 60_000) }),
      ...(typeof body.times === 'number' && { times: body.times }),
    })
    return c.json({ data: faults.list() })
  })
  app.delete('/faults', (c) => {
    faults.clear()
    return c.json({ data: [] })
  })
  app.get('/log', (c) => c.json({ data: log.entries }))
  app.delete('/log', (c) => {
    log.clear()
    return c.json({ data: [] })
  })
  return app
}
