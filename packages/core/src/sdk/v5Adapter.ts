import { CallsSessionError } from '../errors.js'
import type { Grant } from '../grant.js'
import type { CallsUser } from '../state.js'
import type { SdkAdapter } from './sdkAdapter.js'
import { toSdkError } from './sdkError.js'
import type { CometChatCallsV5, SdkUser } from './sdkTypes.js'

const toUser = ({ uid, name, avatar }: SdkUser): CallsUser => ({
  uid,
  ...(name ? { name } : {}),
  ...(avatar ? { avatar } : {}),
})

async function guard<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toSdkError(error)
  }
}

/** The v5 SDK keeps its own session: `login(authToken)`, `getLoggedInUser()`, `logout()`. */
export function createV5Adapter(sdk: CometChatCallsV5): SdkAdapter {
  return {
    sdk,
    kind: 'v5',
    async restore() {
      const user = await guard(() => sdk.getLoggedInUser())
      return user ? toUser(user) : null
    },
    async login(grant) {
      const user = await guard(() => sdk.login(grant.token.reveal()))
      if (user && user.uid.toLowerCase() !== grant.uid.toLowerCase()) {
        await sdk.logout().catch(() => {})
        throw new CallsSessionError('UID_MISMATCH', 'The SDK signed in another uid than the grant')
      }
      return { ...grant.user, ...(user ? toUser(user) : {}) }
    },
    async replace(grant: Grant) {
      await guard(() => sdk.login(grant.token.reveal()))
    },
    async logout() {
      await guard(() => sdk.logout())
    },
    async generateToken(sessionId) {
      return (await guard(() => sdk.generateToken(sessionId))).token
    },
  }
}
