import { QueryClient } from '@tanstack/query-core'
import { createStore } from 'zustand/vanilla'
import { watchEnvironment } from './environment.js'
import { CallsSessionError, type CallsSessionErrorCode, isCallsSessionError } from './errors.js'
import type { Grant } from './grant.js'
import { internals, type SessionInternals } from './internals.js'
import { MAX_TIMER_MS, refreshDueAt } from './refreshSchedule.js'
import { createSdkAdapter, loadDefaultSdk } from './sdk/createSdkAdapter.js'
import { initOnce, initSdk, type SdkAdapter } from './sdk/sdkAdapter.js'
import { isTokenRejection } from './sdk/sdkError.js'
import { SecretToken } from './secretToken.js'
import { createSerializer } from './serialize.js'
import type { CallsSessionState, CallsUser } from './state.js'
import { openTabChannel, type TabChannel, type TabMessage, withTabLock } from './tabChannel.js'
import { type RawGrant, requestToken } from './tokenEndpoint.js'
import { createTokenQuery } from './tokenQuery.js'
import { type SessionEvent, transition } from './transition.js'
import type { CallsSession, CallsSessionOptions } from './types.js'
import { isValidUid, sameUid } from './uid.js'

type SignedIn = Extract<CallsSessionState, { status: 'authenticated' | 'refreshing' }>

const SIGNED_OUT: SessionEvent = { type: 'signedOut' }
/** After these a refresh does not keep the old token: the server or CometChat said no. */
const TERMINAL: CallsSessionErrorCode[] = [
  'UNAUTHORIZED',
  'UID_MISMATCH',
  'TOKEN_REJECTED',
  'INVALID_TOKEN_RESPONSE',
]

const fail = (code: CallsSessionErrorCode) => new CallsSessionError(code)
const asSessionError = (error: unknown) =>
  isCallsSessionError(error)
    ? error
    : new CallsSessionError('SDK_ERROR', undefined, { cause: error })
const ignore = () => {}

/**
 * Creates the browser's sign-in to CometChat Calls: tokens from the app's server, the SDK login,
 * proactive and reactive refresh, and tabs that share one refresh. Inert until `login`/`syncUser`.
 * @example const session = createCallsSession({ appId, region: 'us', tokenEndpoint: '/api/cometchat/token' })
 */
export function createCallsSession(options: CallsSessionOptions): CallsSession {
  const { appId, region, host, tokenEndpoint, fetchToken } = options
  if (!appId || !region || !tokenEndpoint === !fetchToken) {
    throw new TypeError('callsession: needs appId, region, and tokenEndpoint or fetchToken')
  }
  const leewayMs = Math.max(0, options.refreshLeewaySeconds ?? 60) * 1000
  /** A token source set by the dev entry for the length of its Auth-Key login. */
  let override: (() => Promise<RawGrant>) | undefined
  const tokens = createTokenQuery(options.queryClient ?? new QueryClient(), appId, (context) =>
    override
      ? override()
      : fetchToken
        ? fetchToken(context).then((body) => ({ body }))
        : requestToken(`${tokenEndpoint}`, { ...context, timeoutMs: 15_000 }),
  )
  let adapter: SdkAdapter | undefined
  const ready = initOnce(async () => {
    const sdk = await initSdk(options.sdk ?? (await loadDefaultSdk()), { appId, region, host })
    adapter = createSdkAdapter(sdk)
    return adapter
  })
  const exclusive = createSerializer()
  const store = createStore<CallsSessionState>()(() => ({ status: 'signed-out' }))
  const channelName = `callsession:${appId}`

  /** Bumped by every login, logout, switch and destroy: work of an older generation is dropped. */
  let generation = 0
  /** The token in use. Memory only. */
  let grant: Grant | undefined
  let loginInFlight: { uid: string | undefined; promise: Promise<CallsUser> } | undefined
  let refreshInFlight: Promise<void> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let dueAt: number | undefined
  let target: string | null | undefined
  let holders = 0
  let detach: (() => void) | undefined
  let channel: TabChannel | undefined
  let destroyed = false

  const dispatch = (event: SessionEvent) =>
    store.setState(transition(store.getState(), event), true)
  const signedIn = (): SignedIn | undefined => {
    const state = store.getState()
    return state.status === 'authenticated' || state.status === 'refreshing' ? state : undefined
  }
  const check = (mine: number) => {
    if (mine !== generation) throw fail('ABORTED')
  }
  const checkUid = (next: Grant, uid: string | undefined) => {
    if (uid !== undefined && !sameUid(next.uid, uid)) throw fail('UID_MISMATCH')
  }
  const later = (delayMs: number, task: () => void) => {
    clearTimeout(timer)
    timer = setTimeout(task, Math.min(Math.max(0, delayMs), MAX_TIMER_MS))
  }
  /** Keeps `promise` in a slot while it runs. */
  const track = <T>(promise: Promise<T>, clear: (promise: Promise<T>) => void) => {
    const done = () => clear(promise)
    promise.then(done, done)
    return promise
  }

  /** Ends whatever is in flight: fetches are cancelled and late answers are ignored. */
  function supersede(): number {
    tokens.cancel()
    clearTimeout(timer)
    dueAt = loginInFlight = refreshInFlight = undefined
    return ++generation
  }

  /** Makes `next` the token in use and schedules its proactive refresh. */
  function adopt(next: Grant, user: CallsUser) {
    const { expiresAt, receivedAt } = next
    grant = next
    dispatch({ type: 'signedIn', user, expiresAt })
    clearTimeout(timer)
    dueAt = undefined
    if (expiresAt === undefined) return
    const due = refreshDueAt({ receivedAt, expiresAt, leewayMs })
    const onDue = () => (Date.now() < due ? later(due - Date.now(), onDue) : refreshDue())
    dueAt = due
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
    if (!channel) return void refresh().catch(ignore)
    withTabLock(lock, unlessRenewed, true).then((ran) => {
      if (ran || grant !== before) return
      const remaining = (before?.expiresAt ?? 0) - Date.now()
      later(Math.min(leewayMs, remaining) / 2, () => {
        if (grant === before) withTabLock(lock, unlessRenewed).catch(ignore)
      })
    }, ignore)
  }

  /** Drops the token and the SDK session; `next` is the state to show meanwhile. */
  async function signOut(event: SessionEvent, tellTabs?: boolean): Promise<void> {
    const uid = signedIn()?.user.uid
    supersede()
    grant = undefined
    dispatch(event)
    if (tellTabs && uid) channel?.post({ type: 'logout', uid })
    const current = adapter
    if (current) await exclusive(current.logout).catch(ignore)
  }

  /**
   * SDK login with `next`, serialized with every other SDK call. A login that lost its generation
   * needs no undo here: the logout that superseded it is queued right behind it.
   */
  const sdkLogin = (sdk: SdkAdapter, next: Grant, mine: number) =>
    exclusive(() => {
      check(mine)
      return sdk.login(next)
    }).then((user) => {
      check(mine)
      return user
    })

  /** A sign-in of a new generation: SDK session reused when it is the right user, else a token. */
  function signIn(uid: string | undefined): Promise<CallsUser> {
    const wasSignedIn = !!signedIn()
    const mine = supersede()
    grant = undefined
    dispatch({ type: 'start', uid })
    const promise = (async () => {
      try {
        const sdk = await ready()
        check(mine)
        if (wasSignedIn) await exclusive(sdk.logout)
        const restored = await exclusive(sdk.restore)
        check(mine)
        if (restored && (uid === undefined || sameUid(restored.uid, uid))) {
          // The SDK kept its session (v5, page reload): no network at all.
          dispatch({ type: 'signedIn', user: restored })
          return restored
        }
        if (restored) await exclusive(sdk.logout)
        let next = await tokens.fetch(mine, 'login')
        let user: CallsUser
        try {
          checkUid(next, uid)
          user = await sdkLogin(sdk, next, mine)
        } catch (error) {
          if (!isTokenRejection(error)) throw error
          // CometChat refused a token the server just minted: one fresh token, then give up.
          next = await tokens.fetch(mine, 'rejected')
          checkUid(next, uid)
          user = await sdkLogin(sdk, next, mine)
        }
        adopt(next, user)
        return user
      } catch (error) {
        const failure = asSessionError(error)
        if (mine === generation && !destroyed) await signOut({ type: 'failed', error: failure })
        throw failure
      }
    })()
    loginInFlight = { uid, promise }
    return track(promise, (done) => {
      if (loginInFlight?.promise === done) loginInFlight = undefined
    })
  }

  function login({ uid }: { uid?: string } = {}): Promise<CallsUser> {
    if (destroyed) return Promise.reject(fail('DESTROYED'))
    if (uid !== undefined && !isValidUid(uid)) {
      const error = new CallsSessionError('UID_MISMATCH', 'Not a valid CometChat uid')
      void signOut({ type: 'failed', error })
      return Promise.reject(error)
    }
    const current = signedIn()
    if (current && (uid === undefined || sameUid(current.user.uid, uid))) {
      return Promise.resolve(current.user)
    }
    const pending = loginInFlight
    return pending && (uid === undefined || (pending.uid && sameUid(pending.uid, uid)))
      ? pending.promise
      : signIn(uid)
  }

  function refresh(): Promise<void> {
    if (destroyed) return Promise.reject(fail('DESTROYED'))
    const current = signedIn()
    return (
      refreshInFlight ??
      loginInFlight?.promise.then(ignore) ??
      (current ? runRefresh(current, 'refresh') : Promise.reject(fail('NOT_AUTHENTICATED')))
    )
  }

  function runRefresh(current: SignedIn, reason: 'refresh' | 'rejected'): Promise<void> {
    const mine = generation
    const { user } = current
    dispatch({ type: 'refresh' })
    refreshInFlight = (async () => {
      try {
        const sdk = await ready()
        const next = await tokens.fetch(mine, reason)
        check(mine)
        checkUid(next, user.uid)
        await exclusive(async () => {
          check(mine)
          await sdk.replace(next)
        })
        check(mine)
        adopt(next, { ...user, ...next.user })
        const { uid, token, expiresAt, receivedAt } = next
        channel?.post({
          type: 'grant',
          uid,
          authToken: token.reveal(),
          expiresAt,
          receivedAt,
          user,
        })
      } catch (error) {
        const failure = asSessionError(error)
        if (mine !== generation) throw failure
        const expiresAt = grant?.expiresAt ?? Infinity
        if (reason === 'refresh' && expiresAt > Date.now() && !TERMINAL.includes(failure.code)) {
          // The token still works: stay signed in and try again soon (waking up checks too).
          dispatch({ type: 'refreshFailed' })
          later(Math.min(30_000, Math.max(1_000, (expiresAt - Date.now()) / 2)), refreshDue)
        } else {
          await signOut({ type: 'failed', error: failure })
        }
        throw failure
      }
    })()
    return track(refreshInFlight, (done) => {
      if (refreshInFlight === done) refreshInFlight = undefined
    })
  }

  async function generateCallToken(sessionId: string): Promise<string> {
    if (destroyed) throw fail('DESTROYED')
    if (!sessionId || typeof sessionId !== 'string') {
      throw new TypeError('callsession: sessionId must be a non-empty string')
    }
    await loginInFlight?.promise
    await refreshInFlight?.catch(ignore)
    const mine = generation
    const current = signedIn()
    if (!current) throw fail('NOT_AUTHENTICATED')
    const sdk = await ready()
    const used = grant
    try {
      return await sdk.generateToken(sessionId, used)
    } catch (error) {
      if (!isTokenRejection(error) || mine !== generation) throw asSessionError(error)
    }
    // CometChat refused the token (revoked, expired): one fresh token, one more try, no loops.
    await (refreshInFlight ?? (grant === used ? runRefresh(current, 'rejected') : undefined))
    check(mine)
    try {
      return await sdk.generateToken(sessionId, grant)
    } catch (error) {
      const failure = asSessionError(error)
      if (isTokenRejection(error) && mine === generation) {
        await signOut({ type: 'failed', error: failure })
      }
      throw failure
    }
  }

  function logout(): Promise<void> {
    target = undefined
    return destroyed ? Promise.resolve() : signOut(SIGNED_OUT, true)
  }

  async function syncUser(uid: string | null): Promise<void> {
    if (destroyed || uid === target) return
    target = uid
    if (uid === null) return signOut(SIGNED_OUT, true)
    await login({ uid })
  }

  function onTabMessage(message: TabMessage) {
    const current = signedIn()
    const sdk = adapter
    if (!current || !sdk || !sameUid(current.user.uid, message.uid)) return
    if (message.type === 'logout') {
      target = undefined
      return void signOut(SIGNED_OUT)
    }
    const { uid, authToken, expiresAt, receivedAt, user } = message
    // Newer fetch wins (same machine, same clock); expiries can tie at the server's 1 s resolution.
    if (receivedAt <= (grant?.receivedAt ?? 0)) return
    // Another tab refreshed: take its token instead of fetching one.
    const mine = generation
    const next: Grant = { uid, token: new SecretToken(authToken), user, expiresAt, receivedAt }
    exclusive(async () => {
      check(mine)
      await sdk.replace(next)
    }).then(() => {
      const now = signedIn()
      if (mine === generation && now) adopt(next, { ...now.user, ...user })
    }, ignore)
  }

  /**
   * Back from sleep or offline: a refresh that came due meanwhile runs now, and a sign-in that
   * failed for want of network is tried again.
   */
  function onWake() {
    const state = store.getState()
    if (state.status === 'authenticated' && Date.now() >= (dueAt ?? Infinity)) {
      clearTimeout(timer)
      refreshDue()
    } else if (state.status === 'error' && /NETWORK|TIMEOUT/.test(state.error.code) && target) {
      login({ uid: target }).catch(ignore)
    }
  }

  function retain(): () => void {
    if (destroyed) return ignore
    holders++
    if (!detach) {
      const tabs = openTabChannel(channelName, onTabMessage)
      const unwatch = watchEnvironment(onWake)
      channel = tabs
      detach = () => {
        unwatch()
        tabs.close()
        channel = detach = undefined
      }
    }
    let released = false
    return () => {
      if (released) return
      released = true
      holders--
      // Deferred: a StrictMode unmount + remount keeps the listeners instead of churning them.
      queueMicrotask(() => holders || detach?.())
    }
  }

  function destroy() {
    if (destroyed) return
    void signOut(SIGNED_OUT)
    destroyed = true
    holders = 0
    detach?.()
  }

  const secret: SessionInternals = (source) => {
    override = source
    return ready().then((sdk) => ({ sdk, options }))
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
