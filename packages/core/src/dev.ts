/**
 * Development only: the seed's Auth-Key login. Import it under `import.meta.env.DEV` (or an
 * equivalent) so a production bundle carries no trace of it; it refuses to run in production anyway.
 * @module
 */
import { isProductionBuild } from './buildMode.js'
import { CallsSessionError } from './errors.js'
import { internals, type SessionInternals } from './internals.js'
import { toSdkError } from './sdk/sdkError.js'
import { remove, sdkUserKey } from './sdk/sdkStorage.js'
import { type CometChatCallsV5, isV5 } from './sdk/sdkTypes.js'
import type { CallsUser } from './state.js'
import type { CallsSession } from './types.js'
import { isValidUid } from './uid.js'

/** The admin API base the Auth-Key step goes to: `adminHost`, else CometChat's. */
// Stryker disable next-line ArrowFunction: static: runs once at import, and the shared module graph (isolate: false) keeps the first copy; devLogin.test.ts (4.2.6 Auth-Key step) fails with it applied by hand
const adminBase = ({
  appId,
  region,
  adminHost,
}: {
  appId: string
  region: string
  adminHost?: string | undefined
}) => (adminHost ?? `https://${appId}.api-${region}.cometchat.io/v3.0`).replace(/\/+$/, '')

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
  const { sdk: adapter, options, adopt } = await prepare()
  const { appId } = options
  if (isV5(adapter.sdk)) {
    // v5 logs in with the Auth Key itself (`login(uid, authKey)`); the session then takes the
    // SDK's session over. The current session is left alone until the key has worked.
    const sdk: CometChatCallsV5 = adapter.sdk
    try {
      const user = await sdk.login(uid, authKey)
      const signedIn = {
        uid: user.uid,
        ...(user.name && { name: user.name }),
        ...(user.avatar && { avatar: user.avatar }),
      }
      adopt(signedIn)
      return signedIn
    } catch (error) {
      const failure = toSdkError(error, [authKey])
      throw new CallsSessionError(
        failure.code === 'SDK_ERROR' || failure.code === 'TOKEN_REJECTED'
          ? 'UNAUTHORIZED'
          : failure.code,
        `Auth-Key login refused (${failure.message})`,
        { cause: failure },
      )
    } finally {
      if (options.persistSdkSession === false) remove(sdkUserKey(appId))
    }
  }
  // 4.x has no login: get a token the way v5's Auth-Key step does, and sign in with it.
  await prepare(async () => {
    let response: Response
    try {
      response = await fetch(`${adminBase(options)}/users/${encodeURIComponent(uid)}/auth_tokens`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          appId,
          apiKey: authKey,
        },
        body: JSON.stringify({ platform: 'web', deviceId: 'callsession-dev' }),
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
        status === 401 || status === 403 || status === 404 ? 'UNAUTHORIZED' : 'SDK_ERROR',
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

/**
 * Development only: behaves as if CometChat had just refused the session's token (what a revoked
 * token causes): one fresh token from the app's server, swapped in. For devtools and demos.
 */
export async function simulateTokenRejection(session: CallsSession): Promise<void> {
  if (isProductionBuild()) {
    throw new CallsSessionError('AUTH_KEY_IN_PRODUCTION', 'Development only')
  }
  const prepare = (session as CallsSession & { [internals]?: SessionInternals })[internals]
  if (!prepare) throw new TypeError('simulateTokenRejection: not a session from createCallsSession')
  const { rejected } = await prepare()
  await rejected()
}
