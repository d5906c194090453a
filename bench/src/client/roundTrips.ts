import { type CallsSession, createCallsSession } from '@callsession/core'
import { installClock } from './clock.js'
import { countCalls, totalCalls } from './countCalls.js'
import { installFakeLocks } from './fakeLocks.js'
import { createFakeSdkV5 } from './fakeSdk.js'
import { settle } from './settle.js'
import { createCountingTokenSource } from './tokenSource.js'

/** Round trips a scenario made: requests to the app's token endpoint and calls into the SDK. */
export interface RoundTrips {
  tokenRequests: number
  sdkLogins: number
  /** Every call core made into the SDK (login, logout, getLoggedInUser, init…). */
  sdkCalls: number
}

const config = { appId: 'bench-app', region: 'us' } as const
export const lifetimeSeconds = 3600
export const leewaySeconds = 60

/** First sign-in on a fresh page: nothing cached anywhere. */
export async function coldLogin(): Promise<RoundTrips> {
  const clock = installClock()
  try {
    const tokens = createCountingTokenSource({ lifetimeSeconds })
    const { sdk, counts } = countCalls(createFakeSdkV5())
    const session = createCallsSession({ ...config, fetchToken: tokens.fetchToken, sdk })
    await settle(clock, session.login({ uid: 'alice' }))
    session.destroy()
    return {
      tokenRequests: tokens.requests,
      sdkLogins: counts.login ?? 0,
      sdkCalls: totalCalls(counts),
    }
  } finally {
    clock.uninstall()
  }
}

/** A page reload while the v5 SDK still holds alice's session: no token should be fetched. */
export async function reloadWithSdkSession(): Promise<RoundTrips> {
  const clock = installClock()
  try {
    const tokens = createCountingTokenSource({ lifetimeSeconds })
    const { sdk, counts } = countCalls(createFakeSdkV5({ loggedInUser: { uid: 'alice' } }))
    const session = createCallsSession({ ...config, fetchToken: tokens.fetchToken, sdk })
    await settle(clock, session.login({ uid: 'alice' }))
    session.destroy()
    return {
      tokenRequests: tokens.requests,
      sdkLogins: counts.login ?? 0,
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
  const clock = installClock()
  try {
    const tokens = createCountingTokenSource({ lifetimeSeconds })
    const { sdk, counts } = countCalls(createFakeSdkV5())
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
      logins: counts.login ?? 0,
      calls: totalCalls(counts),
    }
    const watch = watchStatuses(session)
    // Up to a second before the token would expire: one refresh is due in that window.
    await clock.tickAsync((lifetimeSeconds - 1) * 1000)
    const watched = watch.stop()
    release()
    session.destroy()
    return {
      tokenRequests: tokens.requests - afterLogin.tokens,
      sdkLogins: (counts.login ?? 0) - afterLogin.logins,
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
  const clock = installClock()
  const restoreLocks = installFakeLocks()
  const sessions: CallsSession[] = []
  const releases: (() => void)[] = []
  try {
    const tokens = createCountingTokenSource({ lifetimeSeconds })
    const tabs = Array.from({ length: tabCount }, () => countCalls(createFakeSdkV5()))
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
      logins: tabs.map((tab) => tab.counts.login ?? 0),
      calls: tabs.map((tab) => totalCalls(tab.counts)),
    }
    await clock.tickAsync((lifetimeSeconds - 1) * 1000)
    return {
      tokenRequests: tokens.requests - afterLogin.tokens,
      sdkLogins: tabs.reduce(
        (sum, tab, i) => sum + (tab.counts.login ?? 0) - (afterLogin.logins[i] ?? 0),
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
