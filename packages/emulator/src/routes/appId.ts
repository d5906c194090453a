import type { Context } from 'hono'
import { fail } from '../envelope.js'

/**
 * CometChat reads the app from the request (its hosts are `{appId}.…`; the SDKs also send an
 * `appId` header). On the emulator's single host the header is what names the app: missing →
 * `AUTH_ERR_EMPTY_APPID`, another app → `AUTH_ERR_INVALID_APPID`. Undefined when it matches.
 */
export function checkAppId(c: Context, appId: string): Response | undefined {
  const sent = c.req.header('appId')
  if (!sent) return fail(c, 401, 'AUTH_ERR_EMPTY_APPID', 'The appId header is missing.')
  if (sent !== appId)
    return fail(c, 401, 'AUTH_ERR_INVALID_APPID', `The appId ${sent} is not this app.`)
  return undefined
}
