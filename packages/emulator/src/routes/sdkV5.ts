import { type Context, Hono } from 'hono'
import { fail } from '../envelope.js'
import type { Store } from '../store.js'
import type { StoredUser } from '../types.js'
import { UID } from '../validation.js'
import { checkAppId } from './appId.js'
import { jwtShaped, tokenRefused } from './callTokens.js'

/**
 * The requests Calls SDK v5 makes, under `/v3.0` (its three bases — `call-`, `apiclient-` and
 * `api-{region}` — all point here, see `sdkHosts`): token login `PUT me`, logout `DELETE me`,
 * telemetry `POST user_sessions`, the Auth-Key step `POST users/{uid}/auth_tokens` (the Auth Key
 * arrives in the header named `apiKey`). `call_tokens` is mounted beside it (`callTokenRoutes`).
 */
export function sdkV5Routes(store: Store, { appId, authKey }: { appId: string; authKey: string }) {
  const app = new Hono()

  // Fire-and-forget telemetry after a login or restore: accepted, ignored (before any check, the
  // SDK swallows whatever it answers).
  app.post('/user_sessions', (c) => c.json({ data: { success: true } }))

  app.use('*', async (c, next) => checkAppId(c, appId) ?? next())

  // loginWithAuthToken(authToken): the answer's data becomes the SDK's User.
  app.put('/me', async (c) => {
    const token = store.validToken(c.req.header('authToken'))
    if (!token) return tokenRefused(c)
    const invalid = await checkDevice(c)
    if (invalid) return invalid
    const user = store.getUser(token.uid)
    if (!user) return tokenRefused(c)
    return c.json({ data: loggedInUser(user, appId, store.seconds()) })
  })

  // logout(): the SDK ignores a failure. The auth token stays valid: CometChat's tokens stop
  // working only when deleted (see the README).
  app.delete('/me', (c) =>
    store.validToken(c.req.header('authToken'))
      ? c.json({ data: { success: true, message: 'Logged out successfully.' } })
      : tokenRefused(c),
  )

  // login(uid, authKey): the development Auth-Key step. The REST API key is not accepted here and
  // the Auth Key is not accepted by the REST routes under /v3.
  app.post('/users/:uid/auth_tokens', async (c) => {
    const key = c.req.header('apiKey')
    if (!key) return fail(c, 401, 'AUTH_ERR_EMPTY_APIKEY', 'The apiKey header is missing.')
    if (key !== authKey)
      return fail(c, 401, 'AUTH_ERR_APIKEY_NOT_FOUND', 'The Auth Key is not valid for this app.')
    const invalid = await checkDevice(c)
    if (invalid) return invalid
    const uid = c.req.param('uid')
    const user = UID.test(uid) ? store.getUser(uid) : undefined
    // CometChat's error guide: ERR_UID_NOT_FOUND means "UID does not exist or user is deactivated".
    if (!user || user.deactivatedAt !== undefined)
      return fail(c, 404, 'ERR_UID_NOT_FOUND', `The uid ${uid.toLowerCase()} does not exist.`)
    const { authToken, createdAt } = store.mintToken(user.uid)
    return c.json({ data: { ...publicUser(user), authToken, createdAt } })
  })
  return app
}

/**
 * The v5 SDK sends `{ platform, deviceId }` with both logins; the emulator insists on them so a
 * client that drops them is caught in tests (CometChat's own check is unconfirmed).
 */
async function checkDevice(c: Context): Promise<Response | undefined> {
  const body = await c.req.json<Record<string, unknown>>().catch(() => undefined)
  const errors: Record<string, string[]> = {}
  for (const field of ['platform', 'deviceId'] as const) {
    const value = body?.[field]
    if (typeof value !== 'string' || value === '' || value.length > 255)
      errors[field] = ['required; a string of at most 255 characters']
  }
  return Object.keys(errors).length > 0
    ? fail(c, 400, 'ERR_BAD_REQUEST', 'Failed to validate the data sent with the request.', errors)
    : undefined
}

function publicUser(user: StoredUser) {
  const { deactivatedAt: _, ...rest } = user
  return rest
}

/** `PUT /me`'s user: the profile, online, with the `jwt` and `wsChannel` the SDK keeps. */
function loggedInUser(user: StoredUser, appId: string, now: number) {
  return {
    ...publicUser(user),
    avatar: user.avatar ?? '',
    status: 'online' as const,
    lastActiveAt: now,
    wsChannel: { identity: `${appId}_user_${user.uid}` },
    jwt: jwtShaped({ appId, uid: user.uid, iat: now }),
  }
}
