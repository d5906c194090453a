import { Hono } from 'hono'
import { fail, page } from '../envelope.js'
import type { Store } from '../store.js'
import { notFound } from './users.js'

/**
 * REST v3 auth tokens of one user: create, list, get, delete one, delete all. A deactivated user
 * is not found here (ERR_UID_NOT_FOUND), as CometChat's error guide says.
 */
export function authTokensRoutes(store: Store) {
  const app = new Hono()
  app.use('*', async (c, next) => {
    const uid = c.req.param('uid') ?? ''
    if (!store.isActive(uid)) return notFound(c, uid)
    return next()
  })
  const uidOf = (c: { req: { param(name: string): string | undefined } }) =>
    (c.req.param('uid') ?? '').toLowerCase()

  app.post('/', async (c) => {
    const body = await c.req.json<{ force?: unknown }>().catch(() => undefined)
    // Without `force` CometChat may hand back an existing token (with its old createdAt).
    const existing = body?.force === true ? undefined : store.latestToken(uidOf(c))
    return c.json({ data: existing ?? store.mintToken(uidOf(c)) })
  })
  app.get('/', (c) => page(c, store.tokensOf(uidOf(c))))
  app.get('/:authToken', (c) => {
    const token = store.getToken(c.req.param('authToken'))
    return token && token.uid === uidOf(c)
      ? c.json({ data: token })
      : fail(c, 404, 'ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token does not exist.')
  })
  app.delete('/:authToken', (c) => {
    const token = store.getToken(c.req.param('authToken'))
    if (!token || token.uid !== uidOf(c)) {
      return fail(c, 404, 'ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token does not exist.')
    }
    store.deleteToken(token.authToken)
    return c.json({ data: { success: true, message: 'The auth token has been deleted.' } })
  })
  app.delete('/', (c) => {
    store.deleteTokensOf(uidOf(c))
    return c.json({
      data: { success: true, message: 'All auth tokens of the user have been deleted.' },
    })
  })
  return app
}
