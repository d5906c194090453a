import { CallsSessionError } from '../errors.js'
import { sameUid } from '../uid.js'
import type { SdkAdapter } from './sdkAdapter.js'
import { guard } from './sdkError.js'
import type { CometChatCallsV5, SdkUser } from './sdkTypes.js'

/** Keeps `uid`, `name` and `avatar` (the SDK's user object has much more). */
const toUser = ({ uid, name, avatar }: SdkUser) => ({
  uid,
  ...(name && { name }),
  ...(avatar && { avatar }),
})

/** The v5 SDK keeps its own session: `login(authToken)`, `getLoggedInUser()`, `logout()`. */
export function createV5Adapter(sdk: CometChatCallsV5): SdkAdapter {
  const logout = () => guard(() => sdk.logout()).then(() => {})
  return {
    sdk,
    kind: 'v5',
    async restore() {
      const user = await guard(() => sdk.getLoggedInUser())
      return user && toUser(user)
    },
    async login(grant) {
      const user = await guard(() => sdk.login(grant.token.reveal()))
      if (!sameUid(user.uid, grant.uid)) {
        await logout().catch(() => {})
        throw new CallsSessionError('UID_MISMATCH')
      }
      return { ...grant.user, ...toUser(user) }
    },
    async replace(grant) {
      await guard(() => sdk.login(grant.token.reveal()))
    },
    logout,
    async generateToken(sessionId) {
      return (await guard(() => sdk.generateToken(sessionId))).token
    },
  }
}
