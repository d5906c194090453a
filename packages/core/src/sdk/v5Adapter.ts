import { CallsSessionError } from '../errors.js'
import type { Grant } from '../grant.js'
import { sameUid } from '../uid.js'
import type { SdkAdapter, SdkSettings } from './sdkAdapter.js'
import { guard, toSdkError } from './sdkError.js'
import { v5Hosts } from './sdkHosts.js'
import { remove, sdkUserKey } from './sdkStorage.js'
import type { CometChatCallsV5, SdkUser } from './sdkTypes.js'

/** Keeps `uid`, `name` and `avatar` (v5 answers `avatar: ''` when there is none). */
// Stryker disable next-line ArrowFunction: static: runs once at import, and the shared module graph (isolate: false) keeps the first copy; unit.v5Adapter.test.ts fails with it applied by hand
const toUser = ({ uid, name, avatar }: SdkUser) => ({
  uid,
  ...(name && { name }),
  ...(avatar && { avatar }),
})

/**
 * The v5 SDK keeps its own session: `loginWithAuthToken(token)` (`PUT /me`), `getLoggedInUser()`,
 * `logout()` (`DELETE /me`). Its `login(uid, authKey)` is the Auth-Key path: never called here.
 */
export function createV5Adapter(sdk: CometChatCallsV5, settings: SdkSettings): SdkAdapter {
  const { appId, region, hosts, persistSdkSession } = settings
  /** With `persistSdkSession: false`, no token stays at rest: v5 writes it after every login. */
  const forget = () => persistSdkSession || remove(sdkUserKey(appId))
  const tokenLogin = async (grant: Grant) => {
    const token = grant.token.reveal()
    try {
      return await guard(() => sdk.loginWithAuthToken(token), [token])
    } finally {
      forget()
    }
  }
  return {
    sdk,
    // Stryker disable next-line StringLiteral: equivalent: no code reads `kind` at run time (a type-level tag)
    kind: 'v5',
    async init() {
      // Without persistence nothing saved may be restored either (a crash may have left it).
      forget()
      const result = await guard(() => sdk.init({ appId, region, ...v5Hosts(hosts) }))
      if (!result?.success) {
        throw new CallsSessionError(
          'SDK_INIT_FAILED',
          result?.error?.message ?? 'CometChatCalls.init failed',
        )
      }
    },
    restore() {
      const user = sdk.getLoggedInUser()
      return user ? toUser(user) : null
    },
    async login(grant) {
      const user = await tokenLogin(grant)
      if (!sameUid(user.uid, grant.uid)) throw new CallsSessionError('UID_MISMATCH')
      return { ...grant.user, ...toUser(user) }
    },
    async replace(grant) {
      await tokenLogin(grant)
    },
    async logout() {
      try {
        // Stryker disable next-line ConditionalExpression: equivalent: logout() with nobody logged in rejects ERROR_NO_USER_LOGGED_IN, which the catch below swallows
        if (sdk.getLoggedInUser()) await sdk.logout()
      } catch (error) {
        // Nobody logged in is what logout wants anyway.
        if (toSdkError(error).code !== 'NOT_AUTHENTICATED') throw toSdkError(error)
      } finally {
        forget()
      }
    },
    async generateToken(sessionId) {
      return (await guard(() => sdk.generateToken(sessionId))).token
    },
  }
}
