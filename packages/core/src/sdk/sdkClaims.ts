import { CallsSessionError } from '../errors.js'
import { hostsKey, type SdkHostOptions } from './sdkHosts.js'

/**
 * The Calls SDK is one object per page (statics): it holds one app's settings and one user. Two
 * sessions for different apps (or hosts) on it would send one app's token to the other's host, so
 * the second claim fails. Sessions for the same app share it.
 */
const claims = new WeakMap<object, { app: string; holders: number }>()

/** Claims `sdk` for `appId` + `hosts`; throws `SDK_CONFLICT` if another app holds it. Returns the release. */
export function claimSdk(sdk: object, appId: string, hosts: SdkHostOptions): () => void {
  const app = `${appId} ${hostsKey(hosts)}`
  const claim = claims.get(sdk)
  if (claim && claim.app !== app) {
    throw new CallsSessionError(
      'SDK_CONFLICT',
      `The Calls SDK on this page is already set up for app "${claim.app.split(' ')[0]}" (or other hosts); one page can sign into one CometChat app`,
    )
  }
  if (claim) claim.holders++
  else claims.set(sdk, { app, holders: 1 })
  let released = false
  return () => {
    const current = claims.get(sdk)
    if (released || !current) return
    released = true
    if (--current.holders === 0) claims.delete(sdk)
  }
}
