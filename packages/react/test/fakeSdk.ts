// TEMPORARY stand-in until packages/core/test/fakeSdk.ts lands.
import type { CometChatCallsV5 } from '@callsession/core'

export function fakeSdk() {
  let user: { uid: string } | null = null
  let logins = 0
  let logouts = 0
  class CallAppSettingsBuilder {
    setAppId() {
      return this
    }
    setRegion() {
      return this
    }
    setHost() {
      return this
    }
    build() {
      return {}
    }
  }
  const sdk: CometChatCallsV5 = {
    CallAppSettingsBuilder,
    init: async () => ({}),
    login: async (token: string) => {
      logins++
      const uid = token.split('-')[2] ?? ''
      user = { uid }
      return user
    },
    logout: async () => {
      logouts++
      user = null
    },
    getLoggedInUser: () => user,
    generateToken: async () => ({ token: 'call' }),
  } as CometChatCallsV5
  return { sdk, logins: () => logins, logouts: () => logouts, loggedInUid: () => user?.uid ?? null }
}
