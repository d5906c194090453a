import { QueryClient } from '@tanstack/query-core'
import { createStore } from 'zustand/vanilla'
import { watchEnvironment } from './environment.js'
import { CallsSessionError, isCallsSessionError } from './errors.js'
import type { Grant } from './grant.js'
import { internals, type SessionInternals, type SignInSource } from './internals.js'
import { MAX_TIMER_MS, refreshDueAt } from './refreshSchedule.js'
import { createSdkAdapter, loadDefaultSdk } from './sdk/createSdkAdapter.js'
import { initOnce, initSdk, type SdkAdapter } from './sdk/sdkAdapter.js'
import { isTokenRejection } from './sdk/sdkError.js'
import { SecretToken } from './secretToken.js'
import { createSerializer } from './serialize.js'
import type { CallsSessionState, CallsUser } from './state.js'
import { openTabChannel, type TabChannel, type TabMessage, withTabLock } from './tabChannel.js'
import { requestToken } from './tokenEndpoint.js'
import { createTokenQuery, type GrantRequest } from './tokenQuery.js'
import type { CallsSession, CallsSessionOptions } from './types.js'
import { isValidUid, sameUid } from './uid.js'

const TOKEN_REQUEST_TIMEOUT_MS = 15_000
const SIGNED_OUT: CallsSessionState = { status: 'signed-out' }
/** Failures after which keeping the old token makes no sense: the server or CometChat said no. */
const TERMINAL = new Set([
  'UNAUTHORIZED',
  'UID_MISMATCH',
  'TOKEN_REJECTED',
  'INVALID_TOKEN_RESPONSE',
])

type SignedIn = Extract<CallsSessionState, { status: 'authenticated' | 'refreshing' }>

const asSessionError = (error: unknown): CallsSessionError =>
  isCallsSessionError(error)
    ? error
    : new CallsSessionError('SDK_ERROR', 'Unexpected failure', { cause: error })

/**
 * Creates the browser's sign-in to CometChat Calls: tokens from the app's server, the SDK login,
 * proactive and reactive refresh, and tabs that share one refresh. Inert until `login`/`syncUser`.
 * @example const session = createCallsSession({ appId, region: 'us', tokenEndpoint: '/api/cometchat/token' })
 */
export function createCallsSession(options: CallsSessionOptions): CallsSession {
  const { appId, region, host, tokenEndpoint, fetchToken } = options
  if (!appId || !region) throw new TypeError('createCallsSession: appId and region are required')
  if (!tokenEndpoint === !fetchToken) {
    throw new TypeError('createCallsSession: give exactly one of tokenEndpoint or fetchToken')
  }
  const leewayMs = Math.max(0, options.refreshLeewaySeconds ?? 60) * 1000
  const request: GrantRequest = fetchToken
    ? async (context) => ({ body: await fetchToken(context) })
    : (context) =>
        requestToken(tokenEndpoint ?? '', { ...context, timeoutMs: TOKEN_REQUEST_TIMEOUT_MS })
  const tokens = createTokenQuery(options.queryClient ?? new QueryClient(), appId, request)
  let adapter: SdkAdapter | undefined
  const ready = initOnce(async () => {
    const sdk = await initSdk(options.sdk ?? (await loadDefaultSdk()), { appId, region, host })
    adapter = createSdkAdapter(sdk)
    return adapter
  })
  const exclusive = createSerializer()
  const store = createStore<CallsSessionState>()(() => SIGNED_OUT)
  const channelName = `callsession:${appId}`

  /** Bumped by every login, logout, switch and destroy: work of an older generation is dropped. */
  let generation = 0
  /** The token in use. Memory only. */
  let grant: Grant | undefined
  let loginInFlight: { uid: string | undefined; promise: Promise<CallsUser> } | undefined
  let refreshInFlight: Promise<void> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let dueAt: number | undefined
  let lastLogin: { uid?: string } | undefined
  let target: string | null | undefined
  let holders = 0
  let detach: (() => void) | undefined
  let channel: TabChannel | undefined
  let destroyed = false

  const setState = (state: CallsSessionState) => store.setState(state, true)
  const signedIn = (): SignedIn | undefined => {
    const state = store.getState()
    return state.status === 'authenticated' || state.status === 'refreshing' ? state : undefined
  }
  const check = (mine: number) => {
    if (mine !== generation) {
      throw new CallsSessionError('ABORTED', 'Superseded by logout, a user switch or destroy')
    }
  }
  const destroyedError = () => new CallsSessionError('DESTROYED', 'This session was destroyed')
  const mismatch = () => new CallsSessionError('UID_MISMATCH', 'The token is for another user')

  function clearTimer() {
    clearTimeout(timer)
    timer = undefined
  }

  function later(delayMs: number, task: () => void) {
    clearTimer()
    timer = setTimeout(task, Math.min(Math.max(0, delayMs), MAX_TIMER_MS))
  }

  /** Ends whatever is in flight: fetches are cancelled and late answers are ignored. */
  function supersede(): number {
    generation++
    tokens.cancel()
    clearTimer()
    dueAt = undefined
    loginInFlight = undefined
    refreshInFlight = undefined
    return generation
  }

  /** Makes `next` the token in use and schedules its proactive refresh. */
  function adopt(next: Grant, user: CallsUser) {
    grant = next
    const { expiresAt } = next
    setState(
      expiresAt === undefined
        ? { status: 'authenticated', user }
        : { status: 'authenticated', user, expiresAt },
    )
    clearTimer()
    dueAt = undefined
    if (expiresAt === undefined) return
    const due = refreshDueAt({ receivedAt: next.receivedAt, expiresAt, leewayMs })
    dueAt = due
    const onDue = () => (Date.now() < due ? later(due - Date.now(), onDue) : refreshDue())
    later(due - Date.now(), onDue)
  }

  /**
   * The proactive refresh, shared by the tabs: the tab that gets the Web Lock refreshes and posts
   * the grant to the others; the rest wait for it and refresh themselves only if it never comes.
   */
  function refreshDue() {
    const before = grant
    const lock = `${channelName}:refresh`
    const unlessRenewed = () => (grant === before ? refresh() : Promise.resolve())
    if (!channel) {
      void refresh().catch(() => {})
      return
    }
    void withTabLock(lock, unlessRenewed, { ifAvailable: true }).then(
      (ran) => {
        if (ran || grant !== before) return
        const remaining = (before?.expiresAt ?? Date.now()) - Date.now()
        later(Math.min(leewayMs, remaining) / 2, () => {
          if (grant === before) void withTabLock(lock, unlessRenewed).catch(() => {})
        })
      },
      () => {},
    )
  }

  async function signOut(next: CallsSessionState, broadcastUid?: string): Promise<void> {
    supersede()
    grant = undefined
    setState(next)
    if (broadcastUid !== undefined) channel?.post({ type: 'logout', uid: broadcastUid })
    const current = adapter
    if (current) await exclusive(() => current.logout()).catch(() => {})
  }

  /** SDK login with `next`, serialized; a login that lost its generation is undone at once. */
  const sdkLogin = (sdk: SdkAdapter, next: Grant, mine: number) =>
    exclusive(async () => {
      check(mine)
      const user = await sdk.login(next)
      if (mine !== generation) {
        await sdk.logout().catch(() => {})
        check(mine)
      }
      return user
    })

  /** Starts a sign-in of a new generation (shared by `login` and the dev Auth-Key path). */
  function begin(
    uid: string | undefined,
    run: (mine: number, sdk: SdkAdapter) => Promise<CallsUser>,
  ) {
    const wasSignedIn = signedIn() !== undefined
    const mine = supersede()
    grant = undefined
    lastLogin = uid === undefined ? {} : { uid }
    setState(uid === undefined ? { status: 'authenticating' } : { status: 'authenticating', uid })
    const promise = (async () => {
      try {
        const sdk = await ready()
        check(mine)
        if (wasSignedIn) await exclusive(() => sdk.logout())
        return await run(mine, sdk)
      } catch (error) {
        const failure = asSessionError(error)
        if (mine === generation && !destroyed) await signOut({ status: 'error', error: failure })
        throw failure
      }
    })()
    loginInFlight = { uid, promise }
    const settle = () => {
      if (loginInFlight?.promise === promise) loginInFlight = undefined
    }
    promise.then(settle, settle)
    return promise
  }

  async function signInWithToken(sdk: SdkAdapter, mine: number, uid: string | undefined) {
    const restored = await exclusive(() => sdk.restore())
    check(mine)
    if (restored) {
      // The SDK kept its session (v5, page reload): no network at all.
      if (uid === undefined || sameUid(restored.uid, uid)) {
        setState({ status: 'authenticated', user: restored })
        return restored
      }
      await exclusive(() => sdk.logout())
    }
    let next = await tokens.fetch(mine, 'login')
    check(mine)
    if (uid !== undefined && !sameUid(next.uid, uid)) throw mismatch()
    let user: CallsUser
    try {
      user = await sdkLogin(sdk, next, mine)
    } catch (error) {
      if (!isTokenRejection(error)) throw error
      // CometChat refused a token the server just minted: one fresh token, then give up.
      next = await tokens.fetch(mine, 'rejected')
      check(mine)
      if (uid !== undefined && !sameUid(next.uid, uid)) throw mismatch()
      user = await sdkLogin(sdk, next, mine)
    }
    adopt(next, user)
    return user
  }

  function login({ uid }: { uid?: string } = {}): Promise<CallsUser> {
    if (destroyed) return Promise.reject(destroyedError())
    if (uid !== undefined && !isValidUid(uid)) {
      const error = new CallsSessionError('UID_MISMATCH', 'Not a valid CometChat uid')
      void signOut({ status: 'error', error })
      return Promise.reject(error)
    }
    const current = signedIn()
    if (current && (uid === undefined || sameUid(current.user.uid, uid))) {
      return Promise.resolve(current.user)
    }
    const pending = loginInFlight
    if (
      pending &&
      (uid === undefined || (pending.uid !== undefined && sameUid(pending.uid, uid)))
    ) {
      return pending.promise
    }
    return begin(uid, (mine, sdk) => signInWithToken(sdk, mine, uid))
  }

  function refresh(): Promise<void> {
    if (destroyed) return Promise.reject(destroyedError())
    if (refreshInFlight) return refreshInFlight
    if (loginInFlight) return loginInFlight.promise.then(() => {})
    const current = signedIn()
    if (!current) return Promise.reject(new CallsSessionError('NOT_AUTHENTICATED', 'Not signed in'))
    return runRefresh(current, 'refresh')
  }

  function runRefresh(current: SignedIn, reason: 'refresh' | 'rejected'): Promise<void> {
    const mine = generation
    const { status: _, ...usable } = current
    setState({ ...usable, status: 'refreshing' })
    const promise = (async () => {
      try {
        const sdk = await ready()
        const next = await tokens.fetch(mine, reason)
        check(mine)
        if (!sameUid(next.uid, current.user.uid)) throw mismatch()
        await exclusive(async () => {
          check(mine)
          await sdk.replace(next)
        })
        check(mine)
        adopt(next, { ...current.user, ...next.user })
        channel?.post({
          type: 'grant',
          uid: next.uid,
          authToken: next.token.reveal(),
          expiresAt: next.expiresAt,
          receivedAt: next.receivedAt,
          user: next.user,
        })
      } catch (error) {
        const failure = asSessionError(error)
        if (mine !== generation) throw failure
        const expiresAt = grant?.expiresAt
        const stillValid = expiresAt === undefined || expiresAt > Date.now()
        if (reason === 'refresh' && stillValid && !TERMINAL.has(failure.code)) {
          // The token still works: stay signed in and try again soon (the wake-up check helps too).
          setState({ ...usable, status: 'authenticated' })
          const retryIn = expiresAt === undefined ? 30_000 : (expiresAt - Date.now()) / 2
          later(Math.min(30_000, Math.max(1_000, retryIn)), refreshDue)
        } else {
          await signOut({ status: 'error', error: failure })
        }
        throw failure
      }
    })()
    refreshInFlight = promise
    const settle = () => {
      if (refreshInFlight === promise) refreshInFlight = undefined
    }
    promise.then(settle, settle)
    return promise
  }

  async function generateCallToken(sessionId: string): Promise<string> {
    if (destroyed) throw destroyedError()
    if (typeof sessionId !== 'string' || sessionId.length === 0) {
      throw new TypeError('generateCallToken: sessionId must be a non-empty string')
    }
    if (loginInFlight) await loginInFlight.promise
    if (refreshInFlight) await refreshInFlight.catch(() => {})
    const mine = generation
    if (!signedIn()) throw new CallsSessionError('NOT_AUTHENTICATED', 'Not signed in')
    const sdk = await ready()
    const used = grant
    try {
      return await sdk.generateToken(sessionId, used)
    } catch (error) {
      if (!isTokenRejection(error) || mine !== generation) throw asSessionError(error)
    }
    // CometChat refused the token (revoked, expired): one fresh token, one more try, no loops.
    const current = signedIn()
    if (grant === used && current) await (refreshInFlight ?? runRefresh(current, 'rejected'))
    else if (refreshInFlight) await refreshInFlight
    check(mine)
    try {
      return await sdk.generateToken(sessionId, grant)
    } catch (error) {
      const failure = asSessionError(error)
      if (isTokenRejection(error) && mine === generation) {
        await signOut({ status: 'error', error: failure })
      }
      throw failure
    }
  }

  function logout(): Promise<void> {
    if (destroyed) return Promise.resolve()
    target = undefined
    lastLogin = undefined
    return signOut(SIGNED_OUT, signedIn()?.user.uid ?? grant?.uid)
  }

  async function syncUser(uid: string | null): Promise<void> {
    if (destroyed || uid === target) return
    target = uid
    if (uid === null) {
      lastLogin = undefined
      return signOut(SIGNED_OUT, signedIn()?.user.uid)
    }
    await login({ uid })
  }

  function onTabMessage(message: TabMessage) {
    const current = signedIn()
    if (!current || !sameUid(current.user.uid, message.uid)) return
    if (message.type === 'logout') {
      target = undefined
      void signOut(SIGNED_OUT)
      return
    }
    const { expiresAt } = message
    if (expiresAt === undefined || expiresAt <= (grant?.expiresAt ?? 0)) return
    // Another tab refreshed: take its token instead of fetching one.
    const mine = generation
    const sdk = adapter
    if (!sdk) return
    const next: Grant = {
      uid: message.uid,
      token: new SecretToken(message.authToken),
      user: message.user,
      expiresAt,
      receivedAt: message.receivedAt,
    }
    void exclusive(async () => {
      check(mine)
      await sdk.replace(next)
    }).then(
      () => {
        const now = signedIn()
        if (mine === generation && now) adopt(next, { ...now.user, ...next.user })
      },
      () => {},
    )
  }

  function onWake(reason: 'visible' | 'online') {
    const state = store.getState()
    if (state.status === 'authenticated' && dueAt !== undefined && Date.now() >= dueAt) {
      clearTimer()
      refreshDue()
    } else if (
      reason === 'online' &&
      state.status === 'error' &&
      (state.error.code === 'NETWORK_ERROR' || state.error.code === 'TIMEOUT') &&
      lastLogin
    ) {
      void login(lastLogin).catch(() => {})
    }
  }

  function retain(): () => void {
    if (destroyed) return () => {}
    holders++
    if (!detach) {
      const tabs = openTabChannel(channelName, onTabMessage)
      const unwatch = watchEnvironment(onWake)
      channel = tabs
      detach = () => {
        unwatch()
        tabs.close()
        channel = undefined
        detach = undefined
      }
    }
    let released = false
    return () => {
      if (released) return
      released = true
      holders--
      // Deferred: a StrictMode unmount + remount keeps the listeners instead of churning them.
      queueMicrotask(() => {
        if (holders === 0) detach?.()
      })
    }
  }

  function destroy() {
    if (destroyed) return
    void signOut(SIGNED_OUT)
    destroyed = true
    holders = 0
    detach?.()
  }

  const secret: SessionInternals = {
    signInWith(uid: string, source: SignInSource) {
      if (destroyed) return Promise.reject(destroyedError())
      return begin(uid, async (mine, sdk) => {
        const result = await exclusive(() => source({ adapter: sdk, appId, region, host }))
        check(mine)
        if ('user' in result) {
          setState({ status: 'authenticated', user: result.user })
          return result.user
        }
        if (!sameUid(result.grant.uid, uid)) throw mismatch()
        const user = await sdkLogin(sdk, result.grant, mine)
        adopt(result.grant, user)
        return user
      })
    },
  }

  return {
    store,
    getState: store.getState,
    subscribe: store.subscribe,
    login,
    logout,
    refresh,
    generateCallToken,
    syncUser,
    retain,
    destroy,
    [internals]: secret,
  } as CallsSession
}
