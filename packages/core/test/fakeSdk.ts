import type { CometChatCallsV4, CometChatCallsV5, SdkUser } from '../src/index.js'

/**
 * A faithful fake of `CometChatCalls`: tokens are `<uid>_<anything>` (as CometChat's are), valid
 * until revoked; the SDK fails the way the real one does (`{ code, message }` for 4.x,
 * `{ errorCode, errorDescription }` for v5). Every call is counted.
 */
export interface FakeSdkControls {
  /** Calls made into the SDK, by method name. */
  readonly calls: Record<string, number>
  /** Settings passed to `init`, in order. */
  readonly inits: unknown[]
  /** Auth tokens the SDK was handed (login, generateToken), in order. */
  readonly tokensSeen: string[]
  /** The v5 session the SDK holds, if any. */
  loggedInUser(): SdkUser | null
  /** Makes CometChat refuse `token` from now on (or every token, with no argument). */
  revoke(token?: string): void
  /** The next `init` fails with `error`. */
  failNextInit(error: unknown): void
  /** Holds every `login` until the returned function is called. */
  holdLogins(): () => void
}

const REJECTED = 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND'

class CallAppSettingsBuilder {
  settings: Record<string, string> = {}
  setAppId(appId: string) {
    this.settings.appId = appId
    return this
  }
  setRegion(region: string) {
    this.settings.region = region
    return this
  }
  setHost(host: string) {
    this.settings.host = host
    return this
  }
  build() {
    return { ...this.settings }
  }
}

function createFakeCore(initialUser: SdkUser | null) {
  const calls: Record<string, number> = {}
  const inits: unknown[] = []
  const tokensSeen: string[] = []
  const revoked = new Set<string>()
  let revokeAll = false
  let initError: unknown
  let hold: Promise<void> | undefined
  let user = initialUser
  const count = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1
  }
  const valid = (token: string) => !revokeAll && !revoked.has(token) && /^[^_\s]+_\S+$/.test(token)
  const controls: FakeSdkControls = {
    calls,
    inits,
    tokensSeen,
    loggedInUser: () => user,
    revoke(token) {
      if (token === undefined) revokeAll = true
      else revoked.add(token)
    },
    failNextInit(error) {
      initError = error
    },
    holdLogins() {
      let release = () => {}
      hold = new Promise((resolve) => {
        release = () => {
          hold = undefined
          resolve()
        }
      })
      return release
    },
  }
  const init = async (settings: unknown) => {
    count('init')
    inits.push(settings)
    if (initError !== undefined) {
      const error = initError
      initError = undefined
      throw error
    }
    return { success: true }
  }
  return {
    controls,
    count,
    init,
    valid,
    tokensSeen,
    waitForHold: () => hold,
    setUser: (next: SdkUser | null) => {
      user = next
    },
  }
}

/** A fake v5 SDK (the seed's: `login`, `logout`, `getLoggedInUser`). */
export function createFakeSdkV5(
  options: { loggedInUser?: SdkUser | null } = {},
): CometChatCallsV5 & { fake: FakeSdkControls } {
  const core = createFakeCore(options.loggedInUser ?? null)
  const refuse = () => ({ errorCode: REJECTED, errorDescription: 'The auth token is invalid.' })
  async function login(tokenOrUid: string, authKey?: string): Promise<SdkUser> {
    core.count('login')
    await core.waitForHold()
    if (authKey !== undefined) {
      if (authKey !== 'dev-auth-key') {
        throw { errorCode: 'AUTH_ERR_AUTH_KEY_NOT_FOUND', errorDescription: 'Wrong key.' }
      }
      const user = { uid: tokenOrUid.toLowerCase(), name: tokenOrUid }
      core.setUser(user)
      return user
    }
    core.tokensSeen.push(tokenOrUid)
    if (!core.valid(tokenOrUid)) throw refuse()
    const uid = tokenOrUid.slice(0, tokenOrUid.indexOf('_')).toLowerCase()
    const user = { uid, name: uid.charAt(0).toUpperCase() + uid.slice(1) }
    core.setUser(user)
    currentToken = tokenOrUid
    return user
  }
  let currentToken: string | undefined
  return {
    CallAppSettingsBuilder,
    init: core.init,
    login: login as CometChatCallsV5['login'],
    async logout() {
      core.count('logout')
      core.setUser(null)
      currentToken = undefined
      return {}
    },
    getLoggedInUser() {
      core.count('getLoggedInUser')
      return core.controls.loggedInUser()
    },
    async generateToken(sessionId: string) {
      core.count('generateToken')
      if (!core.controls.loggedInUser()) {
        throw { errorCode: 'ERR_NOT_LOGGED_IN', errorDescription: 'Log in first.' }
      }
      if (currentToken !== undefined && !core.valid(currentToken)) throw refuse()
      return { token: `call_${sessionId}` }
    },
    fake: core.controls,
  }
}

/** A fake 4.2.6 SDK (what the registry serves): no login; the token goes with each call. */
export function createFakeSdkV4(): CometChatCallsV4 & { fake: FakeSdkControls } {
  const core = createFakeCore(null)
  return {
    CallAppSettingsBuilder,
    init: core.init,
    async generateToken(sessionId: string, authToken: string) {
      core.count('generateToken')
      core.tokensSeen.push(authToken)
      if (!core.valid(authToken)) {
        throw { code: REJECTED, message: 'The auth token is invalid or has been deleted.' }
      }
      return { token: `call_${sessionId}` }
    },
    fake: core.controls,
  }
}
