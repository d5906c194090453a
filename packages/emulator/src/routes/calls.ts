import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { fail } from '../envelope.js'
import type { Store } from '../store.js'
import { UID } from '../validation.js'

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/**
 * The calls API as `@cometchat/calls-sdk-javascript` 4.2.6 calls it when its host points here,
 * plus the development-only Auth-Key login (the emulator's contract; see the README).
 */
export function callsRoutes(store: Store, { appId, authKey }: { appId: string; authKey: string }) {
  const app = new Hono()
  const issued = new Map<string, { uid: string; sessionId: string }>()
  const refused = (c: Parameters<typeof fail>[0]) =>
    fail(c, 401, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token does not exist or has expired.')

  // generateToken(sessionId, authToken) → a call token for that session.
  app.post('/call_tokens', async (c) => {
    const token = store.validToken(c.req.header('authToken'))
    if (!token) return refused(c)
    const body = await c.req.json<{ sessionId?: unknown }>().catch(() => undefined)
    const sessionId = body?.sessionId
    if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 255) {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'sessionId is required.')
    }
    // Shaped like a JWT (the SDK only passes it on); the signature part is random.
    const callToken = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({
      appId,
      uid: token.uid,
      sessionId,
      iat: store.seconds(),
    })}.${randomBytes(24).toString('base64url')}`
    issued.set(callToken, { uid: token.uid, sessionId })
    return c.json({ data: { token: callToken } })
  })

  // The SDK's call-token verification (header callToken).
  app.get('/call_tokens', (c) => {
    const entry = issued.get(c.req.header('callToken') ?? '')
    return entry
      ? c.json({ data: { valid: true, ...entry } })
      : fail(c, 401, 'ERR_INVALID_CALL_TOKEN', 'The call token is not valid.')
  })

  // getCallDetails(sessionId, authToken): the emulator holds no call logs.
  app.get('/calls', (c) =>
    store.validToken(c.req.header('authToken')) ? c.json({ data: [] }) : refused(c),
  )

  // Development only: uid + the app's Auth Key → an auth token (what an Auth-Key login needs).
  app.post('/users/:uid/auth_tokens', (c) => {
    if (c.req.header('appId') !== appId || c.req.header('authKey') !== authKey) {
      return fail(c, 401, 'AUTH_ERR_AUTH_KEY_NOT_FOUND', 'The Auth Key is not valid for this app.')
    }
    const uid = c.req.param('uid')
    const user = UID.test(uid) ? store.getUser(uid) : undefined
    if (!user)
      return fail(c, 404, 'ERR_UID_NOT_FOUND', `The uid ${uid.toLowerCase()} does not exist.`)
    if (user.deactivatedAt !== undefined) {
      return fail(c, 403, 'ERR_USER_DEACTIVATED', `The user ${user.uid} is deactivated.`)
    }
    const { authToken, createdAt } = store.mintToken(user.uid)
    return c.json({ data: { uid: user.uid, authToken, createdAt } })
  })
  return app
}
