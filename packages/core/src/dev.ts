/**
 * Development only: the seed's Auth-Key login. Import it under `import.meta.env.DEV` (or an
 * equivalent) so a production bundle carries no trace of it; it refuses to run in production anyway.
 * @module
 */
import { CallsSessionError } from './errors.js'
import { internals, type SessionInternals } from './internals.js'
import type { CometChatCallsV5 } from './sdk/sdkTypes.js'
import type { CallsUser } from './state.js'
import type { CallsSession } from './types.js'
import { isValidUid } from './uid.js'

/** Whether this code runs in a production build (Vite's `import.meta.env.PROD` or `NODE_ENV`). */
function isProductionBuild(): boolean {
  const viteEnv = (import.meta as { env?: { PROD?: boolean } }).env
  if (viteEnv?.PROD === true) return true
  const nodeEnv = (globalThis as { process?: { env?: { NODE_ENV?: string } } }).process?.env
  return nodeEnv?.NODE_ENV === 'production'
}

/**
 * Where a 4.x SDK gets an auth token for `uid` with the Auth Key. CometChat documents the Auth-Key
 * login for its SDKs, not this HTTP call: it is the emulator's choice, kept in this one place.
 */
const authKeyTokenUrl = (base: string, uid: string) =>
  `${base}users/${encodeURIComponent(uid)}/auth_tokens`

/**
 * Signs `uid` in with the app's Auth Key, the seed's development-only path. Never ship it: in a
 * production build it rejects with `AUTH_KEY_IN_PRODUCTION` before touching the key.
 * @example if (import.meta.env.DEV) { const { loginWithAuthKey } = await import('@callsession/core/dev') }
 */
export async function loginWithAuthKey(
  session: CallsSession,
  { uid, authKey }: { uid: string; authKey: string },
): Promise<CallsUser> {
  if (isProductionBuild()) {
    throw new CallsSessionError(
      'AUTH_KEY_IN_PRODUCTION',
      'Auth-Key login is for development only; use a token endpoint in production',
    )
  }
  if (!isValidUid(uid)) throw new TypeError('loginWithAuthKey: not a valid CometChat uid')
  if (typeof authKey !== 'string' || authKey.length === 0) {
    throw new TypeError('loginWithAuthKey: authKey is required')
  }
  const prepare = (session as CallsSession & { [internals]?: SessionInternals })[internals]
  if (!prepare) throw new TypeError('loginWithAuthKey: not a session from createCallsSession')
  await session.logout()
  const { sdk: adapter, options } = await prepare()
  if (adapter.kind === 'v5') {
    // v5 logs in with the Auth Key itself; the session then picks up the SDK's session.
    try {
      await (adapter.sdk as CometChatCallsV5).login(uid, authKey)
    } catch (cause) {
      throw new CallsSessionError('UNAUTHORIZED', 'Auth-Key login refused', { cause })
    }
    return session.login({ uid })
  }
  const { appId, region, host } = options
  await prepare(async () => {
    const base = host ?? `https://${appId}.call-${region}.cometchat.io/v3.0/`
    let response: Response
    try {
      response = await fetch(authKeyTokenUrl(base, uid), {
        method: 'POST',
        headers: { accept: 'application/json', appId, authKey },
      })
    } catch (cause) {
      throw new CallsSessionError('NETWORK_ERROR', undefined, { cause })
    }
    const body: { data?: unknown; error?: { code?: string } } = await response
      .json()
      .catch(() => ({}))
    if (!response.ok || !body.data) {
      const { status } = response
      throw new CallsSessionError(
        status === 401 || status === 403 ? 'UNAUTHORIZED' : 'SDK_ERROR',
        `Auth-Key login refused (${body.error?.code ?? status})`,
        { status },
      )
    }
    return { body: body.data }
  })
  try {
    return await session.login({ uid })
  } finally {
    await prepare()
  }
}
