import { type CallsSession, createCallsSession } from '@callsession/core'
import { installClock } from './clock.js'
import { benchCometChat, MemoryStorage } from './cometchatV5.js'
import { countCalls, totalCalls } from './countCalls.js'
import { installFakeLocks } from './fakeLocks.js'
import { settle } from './settle.js'
import { createCountingTokenSource } from './tokenSource.js'

/**
 * Round trips a scenario made: requests to the app's token endpoint and calls into the SDK. The SDK
 * is the faithful v5 model of `@callsession/testing` over HTTP against the emulator.
 */
export interface RoundTrips {
  tokenRequests: number
  /** `loginWithAuthToken` calls (each one `PUT /me` at CometChat). */
  sdkLogins: number
  /** Every call core made into the SDK (loginWithAuthToken, logout, getLoggedInUser, init…). */
  sdkCalls: number
}

export const lifetimeSeconds = 3600
export const leewaySeconds = 60

/** The emulator's options, a counted token source minting real tokens, and a counted v5 SDK. */
export async function v5Page(storage?: Storage) {
  const cometchat = await benchCometChat()
  const tokens = createCountingTokenSource({ lifetimeSeconds, mint: cometchat.mint })
  const { sdk, counts } = countCalls(cometchat.createSdk(storage))
  return { config: cometchat.options, tokens, sdk, counts }
}

const loginsOf = (counts: Record<string, number>) => counts.loginWithAuthToken ?? 0

/** First sign-in on a fresh page: nothing cached anywhere. */
export async function coldLogin(): Promise<RoundTrips> {
  const { config, tokens, sdk, counts } = await v5Page()
  const clock = installClock()
  try {
    const session = createCallsSession({ ...config, fetchToken: tokens.fetchToken, sdk })
    await settle(clock, session.login({ uid: 'alice' }))
    session.destroy()
    return {
      tokenRequests: tokens.requests,
      sdkLogins: loginsOf(counts),
      sdkCalls: totalCalls(counts),
    }
  } finally {
    clock.uninstall()
  }
}

/** A page reload while the v5 SDK still holds alice's session: no token should be fetched. */
export async function reloadWithSdkSession(): Promise<RoundTrips> {
  // The first page signs in (v5 saves its session in the origin's localStorage) …
  const storage = globalThis.localStorage ?? new MemoryStorage()
  storage.clear()
  const first = await v5Page(storage)
  const firstSession = createCallsSession({
    ...first.config,
    fetchToken: first.tokens.fetchToken,
    sdk: first.sdk,
  })
  await firstSession.login({ uid: 'alice' })
  // … and the reloaded page, same storage, is what is counted.
  const { config, tokens, sdk, counts } = await v5Page(storage)
  const clock = installClock()
  try {
    const session = createCallsSession({ ...config, fetchToken: tokens.fetchToken, sdk })
    await settle(clock, session.login({ uid: 'alice' }))
    session.destroy()
    return {
      tokenRequests: tokens.requests,
      sdkLogins: loginsOf(counts),
      sdkCalls: totalCalls(counts),
    }
  } finally {
    clock.uninstall()
  }
}

/** What one proactive refresh cost, and how the state looked meanwhile. */
export interface RefreshRun extends RoundTrips {
  /** Fake-clock ms spent outside `authenticated`/`refreshing` after the first sign-in. */
  notAuthenticatedMs: number
  /** The statuses the session went through after the first sign-in. */
  statuses: string[]
}

/**
 * Signs in with a one-hour token, then lets the clock run to just before expiry: one proactive
 * refresh happens (at expiry minus the leeway). Counts what the refresh cost after sign-in.
 */
export async function proactiveRefresh(): Promise<RefreshRun> {
  const { config, tokens, sdk, counts } = await v5Page()
  const clock = installClock()
  try {
    const session = createCallsSession({
      ...config,
      fetchToken: tokens.fetchToken,
      sdk,
      refreshLeewaySeconds: leewaySeconds,
    })
    const release = session.retain()
    await settle(clock, session.login({ uid: 'alice' }))
    const afterLogin = {
      tokens: tokens.requests,
      logins: loginsOf(counts),
      calls: totalCalls(counts),
    }
    const watch = watchStatuses(session)
    const refreshed = new Promise<void>((resolve) =>
      session.on((event) => event.type === 'TOKEN_REFRESHED' && resolve()),
    )
    // Up to a second before the token would expire: one refresh is due in that window. The
    // SDK's swap goes over real HTTP: wait for it (the event), not for a wall-clock delay.
    await clock.tickAsync((lifetimeSeconds - 60 - 1) * 1000)
    await settle(clock, refreshed)
    await clock.tickAsync(59 * 1000)
    const watched = watch.stop()
    release()
    session.destroy()
    return {
      tokenRequests: tokens.requests - afterLogin.tokens,
      sdkLogins: loginsOf(counts) - afterLogin.logins,
      sdkCalls: totalCalls(counts) - afterLogin.calls,
      ...watched,
    }
  } finally {
    clock.uninstall()
  }
}

/** Integrates the time a session spends outside the usable states (on the installed clock). */
function watchStatuses(session: CallsSession) {
  const usable = new Set(['authenticated', 'refreshing'])
  const statuses: string[] = []
  let notAuthenticatedMs = 0
  let since = Date.now()
  let current = session.getState().status
  const unsubscribe = session.subscribe((state) => {
    if (state.status === current) return
    if (!usable.has(current)) notAuthenticatedMs += Date.now() - since
    current = state.status
    since = Date.now()
    statuses.push(state.status)
  })
  return {
    stop() {
      unsubscribe()
      if (!usable.has(current)) notAuthenticatedMs += Date.now() - since
      return { notAuthenticatedMs, statuses }
    },
  }
}

/**
 * Five tabs of one origin, all signed in, whose tokens come due at the same moment: they share
 * BroadcastChannel and Web Locks (a fake `navigator.locks`), so one refresh should serve all.
 * Counts the token requests of that refresh (sign-in is not counted).
 */
export async function tabsRefreshingAtOnce(tabCount = 5): Promise<RoundTrips> {
  const restoreLocks = installFakeLocks()
  const sessions: CallsSession[] = []
  const releases: (() => void)[] = []
  const clock = installClock()
  try {
    const pages = await Promise.all(Array.from({ length: tabCount }, () => v5Page()))
    const [{ config, tokens }] = pages as [Awaited<ReturnType<typeof v5Page>>]
    const tabs = pages.map(({ sdk, counts }) => ({ sdk, counts }))
    for (const tab of tabs) {
      const session = createCallsSession({
        ...config,
        fetchToken: tokens.fetchToken,
        sdk: tab.sdk,
        refreshLeewaySeconds: leewaySeconds,
      })
      sessions.push(session)
      releases.push(session.retain())
    }
    await settle(clock, Promise.all(sessions.map((session) => session.login({ uid: 'alice' }))))
    const afterLogin = {
      tokens: tokens.requests,
      logins: tabs.map((tab) => loginsOf(tab.counts)),
      calls: tabs.map((tab) => totalCalls(tab.counts)),
    }
    // To a second before the refresh is due, then step until every tab holds the new token
    // (the swaps go over real HTTP), then on to a second before the tokens would expire.
    let adopted = 0
    let refreshed = 0
    const unsubscribes = sessions.map((session) =>
      session.on((event) => {
        if (event.type === 'TAB_ADOPTED_GRANT') adopted++
        if (event.type === 'TOKEN_REFRESHED') refreshed++
      }),
    )
    await clock.tickAsync((lifetimeSeconds - leewaySeconds - 1) * 1000)
    for (let step = 0; step < 3000 && refreshed + adopted < tabCount; step++) {
      await clock.tickAsync(10)
    }
    await clock.tickAsync((leewaySeconds - 1) * 1000)
    for (const unsubscribe of unsubscribes) unsubscribe()
    return {
      tokenRequests: tokens.requests - afterLogin.tokens,
      sdkLogins: tabs.reduce(
        (sum, tab, i) => sum + loginsOf(tab.counts) - (afterLogin.logins[i] ?? 0),
        0,
      ),
      sdkCalls: tabs.reduce(
        (sum, tab, i) => sum + totalCalls(tab.counts) - (afterLogin.calls[i] ?? 0),
        0,
      ),
    }
  } finally {
    for (const release of releases) release()
    for (const session of sessions) session.destroy()
    restoreLocks()
    clock.uninstall()
  }
}
