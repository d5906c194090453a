import { createStore } from 'zustand/vanilla'
import { CallsSessionError, type CallsSessionErrorCode, isCallsSessionError } from './errors.js'
import type { Grant } from './grant.js'
import { internals, type SessionInternals } from './internals.js'
import {
  backoffMs,
  MAX_TIMER_MS,
  MIN_REFRESH_INTERVAL_MS,
  refreshDueAt,
} from './refreshSchedule.js'
import type { SdkAdapter } from './sdk/sdkAdapter.js'
import { createSdkConnection } from './sdk/sdkConnection.js'
import { isTokenRejection } from './sdk/sdkError.js'
import { lifetimeKey, readLifetime, remove, savedSdkUid, writeLifetime } from './sdk/sdkStorage.js'
import { SecretToken } from './secretToken.js'
import { createSerializer } from './serialize.js'
import { type CallsSessionEvent, createEmitter, type SignOutReason } from './sessionEvents.js'
import { createSessionLink } from './sessionLink.js'
import { resolveOptions } from './sessionOptions.js'
import { createSessionSteps, type SessionStep } from './sessionSteps.js'
import type { CallsSessionState, CallsUser } from './state.js'
import { type TabMessage, withTabLock } from './tabChannel.js'
import { type RawGrant, requestToken, serverClock } from './tokenEndpoint.js'
import { createTokenQuery, isRetryable } from './tokenQuery.js'
import { type SessionEvent, transition } from './transition.js'
import type { CallsSession, CallsSessionOptions, TokenFetchReason } from './types.js'
import { isValidUid, sameUid } from './uid.js'
import { createWhenAuthenticated } from './whenAuthenticated.js'

type SignedIn = Extract<CallsSessionState, { status: 'authenticated' | 'refreshing' }>
type EventBody = CallsSessionEvent extends infer E
  ? E extends CallsSessionEvent
    ? Omit<E, 'at' | 'uid'>
    : never
  : never

/** After these a refresh does not keep the old token: the server or CometChat said no. */
const TERMINAL: CallsSessionErrorCode[] = [
  'UNAUTHORIZED',
  'UID_MISMATCH',
  'TOKEN_REJECTED',
  'INVALID_TOKEN_RESPONSE',
]

const fail = (code: CallsSessionErrorCode, message?: string) => new CallsSessionError(code, message)
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
  const config = resolveOptions(options)
  const { appId, tokenEndpoint, fetchToken, leewayMs, autoRefresh, persistSdkSession } = config
  const steps = createSessionSteps()
  const events = createEmitter(config.debug)
  const { initialState } = options
  const store = createStore<CallsSessionState>()(() =>
    initialState?.status === 'authenticated'
      ? transition({ status: 'signed-out' }, { type: 'signedIn', ...initialState })
      : { status: 'signed-out' },
  )
  /** A hydrated `authenticated` that no sign-in has confirmed yet: shown, never acted on. */
  let unconfirmed = initialState?.status === 'authenticated'
  /** SDK logins, swaps and logouts run one at a time, in call order. */
  const exclusive = createSerializer()
  const sdk = createSdkConnection({ ...config, sdk: config.sdk })
  /** A token source set by the dev entry for the length of its Auth-Key login. */
  let override: (() => Promise<RawGrant>) | undefined
  const tokens = createTokenQuery(
    config.queryClient,
    appId,
    (context) =>
      override
        ? override()
        : fetchToken
          ? fetchToken(context).then((body) => ({ body, serverDate: serverClock(body.serverDate) }))
          : requestToken(`${tokenEndpoint}`, { ...context, timeoutMs: config.tokenTimeoutMs }),
    { retries: config.tokenRetries, isCurrent: (generation) => generation === steps.current },
  )
  const link = createSessionLink(`callsession:${appId}`, onTabMessage, onWake)

  /** The token in use. Memory only; undefined for a session v5 restored (the SDK holds its token). */
  let grant: Grant | undefined
  let loginInFlight: { uid: string | undefined; promise: Promise<CallsUser> } | undefined
  let refreshInFlight: Promise<void> | undefined
  /** The uid `syncUser` converged on last. */
  let target: string | null | undefined
  /** What the last `login` asked for: tried again on wake-up after a transient failure. */
  let wanted: { uid: string | undefined } | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let dueAt: number | undefined
  let lastProactiveAt: number | undefined
  let refreshFailures = 0
  let wakeFailures = 0
  let nextWakeAt = 0
  let destroyed = false

  const dispatch = (event: SessionEvent) => {
    unconfirmed = false // whatever happens now replaces the hydrated state
    store.setState(transition(store.getState(), event), true)
  }
  const emit = (body: EventBody, uid = currentUid()) =>
    events.emit({ ...body, at: Date.now(), uid } as CallsSessionEvent)
  const signedIn = (): SignedIn | undefined => {
    const state = store.getState()
    const shown = state.status === 'authenticated' || state.status === 'refreshing'
    return shown && !unconfirmed ? state : undefined
  }
  function currentUid(): string | undefined {
    const state = store.getState()
    return 'user' in state
      ? state.user.uid
      : state.status === 'authenticating'
        ? state.uid
        : undefined
  }
  /** An SDK call for generation `mine`, guarded and serialized with every other SDK call. */
  const sdkStep = <T>(mine: number, step: SessionStep, work: () => Promise<T>) =>
    steps.run(mine, step, () => exclusive(() => steps.run(mine, step, work)))
  const at = (time: number, task: () => void) => {
    clearTimeout(timer)
    const onTime = () => (Date.now() < time ? at(time, task) : task())
    timer = setTimeout(onTime, Math.min(Math.max(0, time - Date.now()), MAX_TIMER_MS))
  }

  /** Ends whatever is in flight: fetches are cancelled and late answers are dropped. */
  function supersede(): number {
    const mine = steps.next()
    tokens.cancel()
    clearTimeout(timer)
    dueAt = loginInFlight = refreshInFlight = undefined
    return mine
  }

  /** A token from the app's server for generation `mine`, for `uid` when one is expected. */
  async function fetchGrant(mine: number, reason: TokenFetchReason, uid: string | undefined) {
    const started = Date.now()
    // Stryker disable next-line StringLiteral: label only: a supersede cancels the token query first (its own ABORTED), so this step's message is never seen
    const { grant: next, attempts } = await steps.run(mine, 'token', () =>
      tokens.fetch(mine, reason),
    )
    emit(
      { type: 'TOKEN_FETCHED', reason, durationMs: Date.now() - started, attempt: attempts },
      next.uid,
    )
    if (uid !== undefined && !sameUid(next.uid, uid)) throw fail('UID_MISMATCH')
    return next
  }

  /** Schedules the proactive refresh of a token living from `receivedAt` to `expiresAt`. */
  function schedule(receivedAt: number, expiresAt: number | undefined) {
    clearTimeout(timer)
    dueAt = undefined
    if (!autoRefresh || expiresAt === undefined) return
    const due = refreshDueAt({ receivedAt, expiresAt, leewayMs, lastRequestAt: lastProactiveAt })
    dueAt = due
    emit({ type: 'REFRESH_SCHEDULED', dueAt: due })
    at(due, refreshDue)
  }

  /** Makes `next` the token in use, shows `user` signed in, and schedules the next refresh. */
  function adopt(next: Grant, user: CallsUser) {
    const { uid, expiresAt, receivedAt } = next
    grant = next
    dispatch({ type: 'signedIn', user, expiresAt })
    if (persistSdkSession) writeLifetime(appId, { uid, receivedAt, expiresAt })
    schedule(receivedAt, expiresAt)
  }

  /**
   * The proactive refresh, shared by the tabs: the tab that gets the Web Lock refreshes and posts
   * the grant to the others; the rest wait for it and refresh themselves only if it never comes.
   * At most one proactive token request per 5 s, whatever the grant said.
   */
  function refreshDue() {
    const soonest = (lastProactiveAt ?? Number.NEGATIVE_INFINITY) + MIN_REFRESH_INTERVAL_MS
    // Stryker disable next-line EqualityOperator: equivalent: at exactly `soonest` the mutant re-arms a 0 ms timer and runs 1 ms later
    if (Date.now() < soonest) return at(soonest, refreshDue)
    const before = grant
    const mine = steps.current
    const proactive = () => {
      const current = signedIn()
      return mine === steps.current && grant === before && current
        ? runRefresh(current, 'refresh', { proactive: true })
        : Promise.resolve()
    }
    const lock = `callsession:${appId}:refresh`
    if (!link.channel) return void proactive().catch(ignore)
    withTabLock(lock, proactive, true).then((ran) => {
      if (ran || grant !== before || mine !== steps.current) return
      // Stryker disable next-line OptionalChaining: equivalent: reached only with this generation current and its grant unchanged, so still signed in
      const remaining = (signedIn()?.expiresAt ?? Date.now()) - Date.now()
      at(Date.now() + Math.max(MIN_REFRESH_INTERVAL_MS, Math.min(leewayMs, remaining) / 2), () => {
        // Stryker disable next-line ConditionalExpression: equivalent: any new grant reschedules (at() replaces this timer) and proactive() checks the grant again
        if (grant === before) withTabLock(lock, proactive).catch(ignore)
      })
    }, ignore)
  }

  /** Drops the token and the SDK session; `event` is the state to show meanwhile. */
  async function signOut(event: SessionEvent, reason: SignOutReason, tellTabs = false) {
    const uid = currentUid()
    supersede()
    grant = undefined
    dispatch(event)
    if (event.type === 'failed') emit({ type: 'ERROR', error: event.error }, uid)
    else emit({ type: 'SIGNED_OUT', reason }, uid)
    remove(lifetimeKey(appId))
    if (tellTabs && uid) link.channel?.post({ type: 'logout', uid })
    const current = sdk.adapter
    if (current) await exclusive(current.logout).catch(ignore)
  }

  /**
   * A session v5 restored from its saved user: no token request. Core's non-secret record says
   * when its token is due; with no record (first run after an upgrade) one background refresh
   * finds out, without leaving `authenticated`.
   */
  function signInRestored(user: CallsUser) {
    const record = readLifetime(appId)
    const known = record && sameUid(record.uid, user.uid) ? record : undefined
    dispatch({ type: 'signedIn', user, expiresAt: known?.expiresAt })
    emit({ type: 'SIGNED_IN', source: 'restored' })
    if (known) return schedule(known.receivedAt, known.expiresAt)
    const current = signedIn()
    if (current && autoRefresh) runRefresh(current, 'refresh', { silent: true }).catch(ignore)
  }

  /**
   * A sign-in of a new generation. The token request starts at once, in parallel with loading and
   * initialising the SDK, unless the SDK is known to hold a reusable session for `uid` (its saved
   * user, or the ready SDK itself): that one needs no token at all.
   */
  function signIn(uid: string | undefined): Promise<CallsUser> {
    const wasSignedIn = !!signedIn()
    // A hydrated user being confirmed stays on screen (no flash of `authenticating`).
    const hydrated = currentUid()
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: signIn(uid) meets a view already showing uid only when it is the unconfirmed hydrated one (login() returns a confirmed user, shares an in-flight sign-in)
    const keepView = unconfirmed && uid !== undefined && !!hydrated && sameUid(hydrated, uid)
    const mine = supersede()
    grant = undefined
    if (!keepView) dispatch({ type: 'start', uid })
    // Stryker disable next-line ConditionalExpression: equivalent: `reusable` below also requires uid !== undefined, and restore() only reads
    const held = uid !== undefined ? (sdk.adapter?.restore()?.uid ?? savedSdkUid(appId)) : undefined
    const reusable = held !== undefined && uid !== undefined && sameUid(held, uid)
    const early = reusable ? undefined : fetchGrant(mine, 'login', uid)
    early?.catch(ignore)
    const flight: { uid: string | undefined; promise?: Promise<CallsUser> } = { uid }
    const promise = (async () => {
      try {
        const adapter = await steps.run(mine, 'sdk', sdk.ready)
        if (wasSignedIn) await sdkStep(mine, 'sdkLogout', adapter.logout)
        // login() with no uid never adopts a saved user: only the server says who signs in.
        const restored = uid === undefined ? null : adapter.restore()
        if (restored && sameUid(restored.uid, `${uid}`)) {
          signInRestored(restored)
          return restored
        }
        if (restored) await sdkStep(mine, 'sdkLogout', adapter.logout)
        const user = await loginWithToken(adapter, mine, uid, early)
        emit({ type: 'SIGNED_IN', source: 'token' })
        return user
      } catch (error) {
        const failure = asSessionError(error)
        if (mine === steps.current && !destroyed)
          await signOut({ type: 'failed', error: failure }, 'server')
        throw failure
      } finally {
        // Cleared as it settles, so a caller continuing after it never finds it still in flight.
        if (loginInFlight === flight) loginInFlight = undefined
      }
    })()
    flight.promise = promise
    loginInFlight = flight as { uid: string | undefined; promise: Promise<CallsUser> }
    return promise
  }

  /** SDK login with a fresh token; when CometChat refuses it, one more token and one more try. */
  async function loginWithToken(
    adapter: SdkAdapter,
    mine: number,
    uid: string | undefined,
    early: Promise<Grant> | undefined,
  ) {
    let next = await (early ?? fetchGrant(mine, 'login', uid))
    let user: CallsUser
    try {
      user = await sdkStep(mine, 'sdkLogin', () => adapter.login(next))
    } catch (error) {
      if (!isTokenRejection(error)) throw error
      emit({ type: 'TOKEN_REJECTED_BY_COMETCHAT' }, next.uid)
      next = await fetchGrant(mine, 'rejected', uid)
      user = await sdkStep(mine, 'sdkLogin', () => adapter.login(next))
    }
    adopt(next, user)
    return user
  }

  function login({ uid }: { uid?: string | undefined } = {}): Promise<CallsUser> {
    if (destroyed) return Promise.reject(fail('DESTROYED'))
    if (uid !== undefined && !isValidUid(uid)) {
      // Refused without touching the session: a bad argument is no reason to sign anyone out.
      return Promise.reject(fail('INVALID_UID', 'Not a valid CometChat uid'))
    }
    // Recorded as syncUser does: a later syncUser(uid) converges from here, and wake-ups retry it.
    wanted = { uid }
    target = uid
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

  function runRefresh(
    current: SignedIn,
    reason: 'refresh' | 'rejected',
    { silent = false, proactive = false } = {},
  ): Promise<void> {
    const mine = steps.current
    const { user } = current
    if (!silent) dispatch({ type: 'refresh' })
    if (proactive) lastProactiveAt = Date.now()
    const flight: { promise?: Promise<void> } = {}
    const promise = (async () => {
      try {
        const adapter = await steps.run(mine, 'sdk', sdk.ready)
        const next = await fetchGrant(mine, reason, user.uid)
        await sdkStep(mine, 'sdkSwap', () => adapter.replace(next))
        const merged = { ...user, ...next.user }
        refreshFailures = 0
        adopt(next, merged)
        emit({ type: 'TOKEN_REFRESHED', expiresAt: next.expiresAt })
        const { uid, token, expiresAt, receivedAt } = next
        link.channel?.post({
          type: 'grant',
          uid,
          authToken: token.reveal(),
          expiresAt,
          receivedAt,
          user: merged,
        })
      } catch (error) {
        const failure = asSessionError(error)
        if (mine !== steps.current) throw failure
        const expiresAt = signedIn()?.expiresAt ?? Number.POSITIVE_INFINITY
        if (reason === 'refresh' && expiresAt > Date.now() && !TERMINAL.includes(failure.code)) {
          // The token still works: stay signed in and try again later, backing off.
          refreshFailures++
          const retryAt = Date.now() + backoffMs(refreshFailures, expiresAt - Date.now())
          dispatch({ type: 'refreshFailed' })
          emit({ type: 'REFRESH_FAILED_KEEPING_TOKEN', error: failure, retryAt })
          if (autoRefresh || expiresAt === Number.POSITIVE_INFINITY) at(retryAt, refreshDue)
        } else {
          await signOut({ type: 'failed', error: failure }, 'server')
        }
        throw failure
      } finally {
        if (refreshInFlight === flight.promise) refreshInFlight = undefined
      }
    })()
    flight.promise = promise
    refreshInFlight = promise
    return promise
  }

  /** CometChat refused the token in use: join the refresh under way, or start one for a new token. */
  const renewRejected = (current: SignedIn) => refreshInFlight ?? runRefresh(current, 'rejected')

  async function generateCallToken(sessionId: string): Promise<string> {
    if (destroyed) throw fail('DESTROYED')
    if (!sessionId || typeof sessionId !== 'string') {
      throw new TypeError('callsession: sessionId must be a non-empty string')
    }
    await loginInFlight?.promise
    await refreshInFlight?.catch(ignore)
    const mine = steps.current
    const current = signedIn()
    if (!current) throw fail('NOT_AUTHENTICATED')
    // Stryker disable next-line StringLiteral: label only: signed in means sdk.ready settled long ago, so no supersede can land within this step
    const adapter = await steps.run(mine, 'sdk', sdk.ready)
    const used = grant
    try {
      // Checked again after CometChat answers: a token for the previous user never comes back.
      return await steps.run(mine, 'callToken', () => adapter.generateToken(sessionId, used))
    } catch (error) {
      if (!isTokenRejection(error) || mine !== steps.current) throw asSessionError(error)
    }
    // CometChat refused the token (revoked, expired): one fresh token, one more try, no loops.
    emit({ type: 'TOKEN_REJECTED_BY_COMETCHAT' })
    if (refreshInFlight || grant === used) await renewRejected(current)
    try {
      return await steps.run(mine, 'callToken', () => adapter.generateToken(sessionId, grant))
    } catch (error) {
      const failure = asSessionError(error)
      if (isTokenRejection(error) && mine === steps.current) {
        await signOut({ type: 'failed', error: failure }, 'server')
      }
      throw failure
    }
  }

  function logout(): Promise<void> {
    target = wanted = undefined
    return destroyed ? Promise.resolve() : signOut({ type: 'signedOut' }, 'user', true)
  }

  async function syncUser(uid: string | null): Promise<void> {
    if (destroyed || uid === target) return
    target = uid
    if (uid !== null) return void (await login({ uid }))
    wanted = undefined
    await signOut({ type: 'signedOut' }, 'user', true)
  }

  /** Another tab refreshed (take its token instead of fetching one) or signed out. */
  function onTabMessage(message: TabMessage) {
    const current = signedIn()
    const adapter = sdk.adapter
    if (!current || !adapter || !sameUid(current.user.uid, message.uid)) return
    if (message.type === 'logout') {
      target = wanted = undefined
      return void signOut({ type: 'signedOut' }, 'tab')
    }
    const { uid, authToken, expiresAt, receivedAt, user } = message
    // Newer fetch wins (same machine, same clock); expiries can tie at the server's 1 s resolution.
    if (receivedAt <= (grant?.receivedAt ?? 0)) return
    const mine = steps.current
    const next: Grant = { uid, token: new SecretToken(authToken), user, expiresAt, receivedAt }
    // Stryker disable next-line StringLiteral: label only: the ABORTED of a superseded tab adopt goes to the handler below, which drops it
    sdkStep(mine, 'tabAdopt', () => adapter.replace(next)).then(
      () => {
        const now = signedIn()
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: sdkStep rejects ABORTED for a superseded generation (the other handler), and a current one is signed in
        if (mine !== steps.current || !now) return
        adopt(next, { ...now.user, ...user })
        emit({ type: 'TAB_ADOPTED_GRANT', expiresAt })
      },
      () => {
        // CometChat refused the posted token. v5 logged the old one out before trying it, so the
        // SDK may hold nobody now: one fresh token of our own signs it back in.
        const now = signedIn()
        if (mine !== steps.current || !now) return
        const held = adapter.restore()
        if (held && sameUid(held.uid, now.user.uid)) return
        renewRejected(now).catch(ignore)
      },
    )
  }

  /**
   * Back from sleep or online again: a refresh that came due meanwhile runs now, and a sign-in that
   * failed for a transient reason (network, timeout, 429, 5xx) is tried again, backing off.
   */
  function onWake() {
    const state = store.getState()
    const now = Date.now()
    if (state.status === 'authenticated' && now >= (dueAt ?? Number.POSITIVE_INFINITY)) {
      clearTimeout(timer)
      refreshDue()
    } else if (
      // Stryker disable next-line ConditionalExpression: equivalent: isRetryable(state.error) below holds only for an error state
      state.status === 'error' &&
      isRetryable(state.error) &&
      wanted &&
      now >= nextWakeAt
    ) {
      wakeFailures++
      nextWakeAt = now + backoffMs(wakeFailures)
      login(wanted).then(() => {
        wakeFailures = 0
        nextWakeAt = 0
      }, ignore)
    }
  }

  function destroy() {
    if (destroyed) return
    // First: a listener that reacts to the sign-out below must find the session already dead.
    destroyed = true
    target = wanted = undefined
    void signOut({ type: 'signedOut' }, 'destroyed')
    sdk.release()
    link.close()
  }

  const whenAuthenticated = createWhenAuthenticated(store, signedIn)

  const secret: SessionInternals = (source) => {
    override = source
    return sdk.ready().then((adapter) => ({
      sdk: adapter,
      options: config,
      // The SDK signed itself in (dev Auth-Key login): show it, with no token of ours to refresh.
      adopt(user) {
        supersede()
        grant = undefined
        target = undefined
        wanted = { uid: user.uid }
        dispatch({ type: 'signedIn', user })
        emit({ type: 'SIGNED_IN', source: 'token' })
      },
      rejected() {
        const current = signedIn()
        if (!current) return Promise.reject(fail('NOT_AUTHENTICATED'))
        emit({ type: 'TOKEN_REJECTED_BY_COMETCHAT' })
        return renewRejected(current)
      },
    }))
  }

  return {
    store,
    getState: store.getState,
    subscribe: store.subscribe,
    on: events.on,
    whenAuthenticated,
    login,
    logout,
    refresh,
    generateCallToken,
    syncUser,
    retain: () => (destroyed ? ignore : link.retain()),
    destroy,
    [internals]: secret,
  } as CallsSession
}
