import { Hono } from 'hono'
import { fail } from '../envelope.js'
import type { Store } from '../store.js'
import { UID } from '../validation.js'
import { checkAppId } from './appId.js'

/**
 * What `@cometchat/calls-sdk-javascript` 4.2.6 has besides the call tokens: nothing, so this is
 * the development-only Auth-Key login of `@callsession/core/dev` (the emulator's contract; see
 * the README). The call-token endpoints are mounted beside it (`callTokenRoutes`).
 */
export function callsRoutes(store: Store, { appId, authKey }: { appId: string; authKey: string }) {
  const app = new Hono()
  // Development only: uid + the app's Auth Key → an auth token (what an Auth-Key login needs).
  app.post('/users/:uid/auth_tokens', (c) => {
    const wrongApp = checkAppId(c, appId)
    if (wrongApp) return wrongApp
    if (c.req.header('authKey') !== authKey) {
      return fail(c, 401, 'AUTH_ERR_APIKEY_NOT_FOUND', 'The Auth Key is not valid for this app.')
    }
    const uid = c.req.param('uid')
    const user = UID.test(uid) ? store.getUser(uid) : undefined
    // CometChat's error guide: ERR_UID_NOT_FOUND means "UID does not exist or user is deactivated".
    if (!user || user.deactivatedAt !== undefined)
      return fail(c, 404, 'ERR_UID_NOT_FOUND', `The uid ${uid.toLowerCase()} does not exist.`)
    const { authToken, createdAt } = store.mintToken(user.uid)
    return c.json({ data: { uid: user.uid, authToken, createdAt } })
  })
  return app
}
