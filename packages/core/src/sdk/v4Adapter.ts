import { CallsSessionError } from '../errors.js'
import type { Grant } from '../grant.js'
import type { SdkAdapter, SdkSettings } from './sdkAdapter.js'
import { guard } from './sdkError.js'
import { v4Host } from './sdkHosts.js'
import type { CometChatCallsV4 } from './sdkTypes.js'

/** The session id core asks a call token for when it has CometChat verify a fresh auth token. */
// Stryker disable next-line StringLiteral: static: runs once at import, and the shared module graph (isolate: false) keeps the first copy; unit.v4Adapter.test.ts fails with it applied by hand
export const VERIFY_SESSION_ID = 'callsession-verify'

/**
 * 4.x has no login: the auth token goes with every call. "Logging in" is having CometChat verify
 * the token through the SDK itself (a call token for a throwaway session id); the token then stays
 * in the session's memory for `generateToken(sessionId, authToken)`.
 */
export function createV4Adapter(sdk: CometChatCallsV4, settings: SdkSettings): SdkAdapter {
  const generateToken = async (sessionId: string, grant: Grant | undefined) => {
    if (!grant) throw new CallsSessionError('NOT_AUTHENTICATED')
    const token = grant.token.reveal()
    return (await guard(() => sdk.generateToken(sessionId, token), [token])).token
  }
  const nothing = async () => {}
  return {
    sdk,
    // Stryker disable next-line StringLiteral: equivalent: no code reads `kind` at run time (a type-level tag)
    kind: 'v4',
    async init() {
      const { appId, region, hosts } = settings
      let builder = new sdk.CallAppSettingsBuilder().setAppId(appId).setRegion(region)
      const host = v4Host(hosts.host)
      if (host && builder.setHost) builder = builder.setHost(host)
      await guard(() => sdk.init(builder.build())).catch((error: CallsSessionError) => {
        throw new CallsSessionError('SDK_INIT_FAILED', error.message, { cause: error })
      })
    },
    restore: () => null,
    async login(grant) {
      await generateToken(VERIFY_SESSION_ID, grant)
      return grant.user
    },
    replace: nothing,
    logout: nothing,
    generateToken,
  }
}
