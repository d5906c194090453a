import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { fail } from '../envelope.js'
import type { Store } from '../store.js'

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A JWT-shaped opaque string (the SDKs only pass it on); the signature part is random. */
export const jwtShaped = (payload: Record<string, unknown>) =>
  `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}.${randomBytes(24).toString('base64url')}`

/** CometChat's answer to an auth token it does not accept (unknown, deleted, expired, deactivated). */
export const tokenRefused = (c: Parameters<typeof fail>[0]) =>
  fail(c, 401, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token does not exist or has expired.')

/**
 * The call-token endpoints both SDK generations use: `POST call_tokens` (4.2.6 under
 * `/calls/v3.0/`, v5 under `/v3.0/`), its verification and `GET calls`. One instance is mounted
 * at both bases so a call token issued through either verifies through either.
 */
export function callTokenRoutes(store: Store, { appId }: { appId: string }) {
  const app = new Hono()
  const issued = new Map<string, { uid: string; sessionId: string }>()

  // generateToken(sessionId, authToken) → a call token for that session.
  app.post('/call_tokens', async (c) => {
    const token = store.validToken(c.req.header('authToken'))
    if (!token) return tokenRefused(c)
    const body = await c.req.json<{ sessionId?: unknown }>().catch(() => undefined)
    const sessionId = body?.sessionId
    if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 255) {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'sessionId is required.')
    }
    const callToken = jwtShaped({ appId, uid: token.uid, sessionId, iat: store.seconds() })
    issued.set(callToken, { uid: token.uid, sessionId })
    return c.json({ data: { token: callToken } })
  })

  // The SDK's call-token verification (header callToken).
  app.get('/call_tokens', (c) => {
    const entry = issued.get(c.req.header('callToken') ?? '')
    return entry
      ? c.json({ data: { valid: true, ...entry } })
      : fail(c, 401, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', 'The call token is not valid.')
  })

  // getCallDetails(sessionId, authToken): the emulator holds no call logs.
  app.get('/calls', (c) =>
    store.validToken(c.req.header('authToken')) ? c.json({ data: [] }) : tokenRefused(c),
  )
  return app
}
