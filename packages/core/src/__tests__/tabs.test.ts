import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { installFakeLocks } from '../../test/fakeLocks.js'
import {
  type CallsSession,
  type CallsSessionEvent,
  type CallsSessionEventType,
  createCallsSession,
} from '../index.js'

// Tabs of one origin share a BroadcastChannel (Node's, the real one) and localStorage (jsdom's).
// Every assertion about another tab waits for an explicit signal from that tab (its session
// events), so a message that never arrives fails the test instead of racing past it.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat({ lifetimeSeconds: 600 })
})
afterAll(() => cometchat.close())
const cleanups: (() => void)[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const cleanup of cleanups.splice(0)) cleanup()
  await cometchat.reset()
})

const CHANNEL = `callsession:${'emulator-app'}`

interface Tab {
  session: CallsSession
  events: CallsSessionEvent[]
  /** Resolves with the next event of `type` this tab emits. */
  next(type: CallsSessionEventType): Promise<CallsSessionEvent>
}

function openTab(create: () => CallsSession): Tab {
  const session = create()
  const events: CallsSessionEvent[] = []
  const waiting: { type: CallsSessionEventType; resolve: (event: CallsSessionEvent) => void }[] = []
  session.on((event) => {
    events.push(event)
    for (const wait of waiting.filter((w) => w.type === event.type)) {
      waiting.splice(waiting.indexOf(wait), 1)
      wait.resolve(event)
    }
  })
  const release = session.retain()
  cleanups.push(() => {
    release()
    session.destroy()
  })
  return {
    session,
    events,
    next: (type) => new Promise((resolve) => waiting.push({ type, resolve })),
  }
}

/**
 * `count` v5 tabs (each its own page's SDK, the v5 model over HTTP), opened one after the other
 * as a user does: the first signs in with a token, the others restore v5's saved session.
 */
async function openV5Tabs(count: number) {
  const tabs: (Tab & { sdk: ReturnType<CometChat['createSdk']> })[] = []
  for (let i = 0; i < count; i++) {
    const sdk = cometchat.createSdk()
    const tab = openTab(() => createCallsSession({ ...cometchat.options, sdk }))
    await tab.session.login({ uid: 'alice' })
    tabs.push({ ...tab, sdk })
  }
  return tabs
}

/** A grant for alice as another tab posts it, newer than any this tab holds. */
const aliceGrant = (authToken: string) => ({
  type: 'grant',
  uid: 'alice',
  authToken,
  expiresAt: Date.now() + 600_000,
  receivedAt: Date.now() + 1_000,
  user: { uid: 'alice' },
})

const adopted = (tabs: Tab[]) => Promise.all(tabs.map((tab) => tab.next('TAB_ADOPTED_GRANT')))

describe('several tabs', () => {
  it('a refresh in one tab serves the others: they take its token, with no request of their own', async () => {
    const [first, ...others] = await openV5Tabs(3)
    if (!first) throw new Error('no tab')
    // Only the first tab asked for a token; the others restored v5's saved session.
    expect(cometchat.requests).toHaveLength(1)
    const taken = adopted(others)
    await first.session.refresh()
    await taken
    const fresh = cometchat.issued.at(-1)
    expect(first.sdk.getUserAuthToken()).toBe(fresh)
    for (const tab of others) {
      expect(tab.sdk.getUserAuthToken()).toBe(fresh)
      expect(tab.session.getState().status).toBe('authenticated')
      expect(tab.events.filter((e) => e.type === 'TOKEN_FETCHED')).toEqual([])
    }
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
  })

  it('tab messages carry the merged user: another tab shows the renamed profile', async () => {
    const [first, second] = await openV5Tabs(2)
    if (!first || !second) throw new Error('no tab')
    expect(second.session.getState()).toMatchObject({ user: { uid: 'alice', name: 'Alice' } })
    // The user renamed themselves in the app: the app server's next grant carries the new name.
    cometchat.answerNext(async ({ mint }) =>
      HttpResponse.json({ ...(await mint('alice')), user: { uid: 'alice', name: 'Alice L.' } }),
    )
    const taken = second.next('TAB_ADOPTED_GRANT')
    await first.session.refresh()
    expect(first.session.getState()).toMatchObject({ user: { uid: 'alice', name: 'Alice L.' } })
    await taken
    expect(second.session.getState()).toMatchObject({
      status: 'authenticated',
      user: { uid: 'alice', name: 'Alice L.' },
    })
  })

  it('five tabs due at once make one token request (Web Locks), and all end on one expiry', async () => {
    const locks = installFakeLocks()
    cleanups.push(locks)
    // The real 4.2.6 SDK: after login a refresh is a token fetch only, so the fake clock drives
    // the schedule with no CometChat round trip in between.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const tabs: Tab[] = []
    for (let i = 0; i < 5; i++) {
      const tab = openTab(() =>
        createCallsSession({ ...cometchat.realSdkV4(), refreshLeewaySeconds: 60 }),
      )
      await tab.session.login({ uid: 'alice' })
      tabs.push(tab)
    }
    const loginRequests = cometchat.requests.length
    expect(loginRequests).toBe(5)
    // "At once": the leader's token answer waits until all five tabs have asked for the lock.
    const allAsked = locks.requested(5)
    cometchat.answerNext(async ({ mint }) => {
      await allAsked
      return HttpResponse.json(await mint('alice'))
    })
    const refreshed = Promise.race(tabs.map((tab) => tab.next('TOKEN_REFRESHED')))
    const took = tabs.map((tab) => tab.next('TAB_ADOPTED_GRANT'))
    await vi.advanceTimersByTimeAsync(540_000)
    await refreshed
    const leader = tabs.findIndex((tab) => tab.events.some((e) => e.type === 'TOKEN_REFRESHED'))
    // Every other tab takes the leader's grant (explicit signal, per tab).
    await Promise.all(took.filter((_, i) => i !== leader))
    // Past the followers' own fallback too: nobody refreshes on their own.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(cometchat.requests.length - loginRequests).toBe(1)
    const expiries = tabs.map((tab) => {
      const state = tab.session.getState()
      return state.status === 'authenticated' ? state.expiresAt : undefined
    })
    expect(expiries[0]).toBeDefined()
    expect(new Set(expiries).size).toBe(1)
  })

  it('logout in one tab signs the others out, and their SDKs too', async () => {
    const tabs = await openV5Tabs(3)
    const loggedOut = tabs.map(
      (tab) =>
        new Promise<void>((resolve) =>
          tab.sdk.addLoginListener('test', { onLogoutSuccess: () => resolve() }),
        ),
    )
    const others = tabs.filter((_, i) => i !== 1)
    const signedOut = Promise.all(others.map((tab) => tab.next('SIGNED_OUT')))
    await tabs[1]?.session.logout()
    const reasons = await signedOut
    expect(reasons.map((e) => e.type === 'SIGNED_OUT' && e.reason)).toEqual(['tab', 'tab'])
    await Promise.all(loggedOut)
    for (const tab of tabs) {
      expect(tab.session.getState()).toEqual({ status: 'signed-out' })
      expect(tab.sdk.getLoggedInUser()).toBeNull()
    }
  })

  it('ignores messages about another user and garbage on the channel', async () => {
    const tabs = await openV5Tabs(2)
    const channel = new BroadcastChannel(CHANNEL)
    cleanups.push(() => channel.close())
    channel.postMessage({ type: 'logout', uid: 'bob' })
    channel.postMessage('nonsense')
    channel.postMessage({ type: 'grant', uid: 'alice', authToken: 7, receivedAt: Date.now() })
    channel.postMessage({ type: 'grant', uid: 'alice', authToken: 'alice_x' })
    channel.postMessage({ type: 'logout' })
    channel.postMessage(null)
    // A well-formed grant last: one channel delivers in order, so once every tab has taken it,
    // every message above has been handled (and ignored).
    const { authToken } = await cometchat.mintGrant('alice')
    const taken = adopted(tabs)
    channel.postMessage({
      type: 'grant',
      uid: 'alice',
      authToken,
      expiresAt: Date.now() + 600_000,
      receivedAt: Date.now(),
      user: { uid: 'alice', name: 'Alice' },
    })
    await taken
    for (const tab of tabs) {
      expect(tab.session.getState()).toMatchObject({
        status: 'authenticated',
        user: { uid: 'alice' },
      })
      expect(tab.sdk.getUserAuthToken()).toBe(authToken)
      expect(tab.events.map((e) => e.type)).not.toContain('SIGNED_OUT')
    }
  })

  it("a grant CometChat refuses, posted on the channel, never leaves a tab's SDK signed out (v5)", async () => {
    const [tab] = await openV5Tabs(1)
    if (!tab) throw new Error('no tab')
    const channel = new BroadcastChannel(CHANNEL)
    cleanups.push(() => channel.close())
    // v5's loginWithAuthToken logs the old token out before it tries the new one: a refused token
    // leaves the SDK holding nobody. The tab signs its SDK back in with one fresh token.
    const recovered = tab.next('TOKEN_REFRESHED')
    channel.postMessage(aliceGrant('alice_forged'))
    await recovered
    expect(tab.session.getState()).toMatchObject({
      status: 'authenticated',
      user: { uid: 'alice' },
    })
    expect(tab.sdk.getLoggedInUser()?.uid).toBe('alice')
    expect(tab.sdk.getUserAuthToken()).toBe(cometchat.issued.at(-1))
    expect(tab.events.map((e) => e.type)).not.toContain('TAB_ADOPTED_GRANT')
    expect(tab.events.filter((e) => e.type === 'TOKEN_FETCHED')).toMatchObject([
      { reason: 'login' },
      { reason: 'rejected' },
    ])
  })

  it('destroying one tab (an unmount) leaves the others signed in', async () => {
    const [first, second] = await openV5Tabs(2)
    if (!first || !second) throw new Error('no tab')
    const signedOut = first.next('SIGNED_OUT')
    second.session.destroy()
    // A message on the channel is delivered before any posted after it: once the probe below
    // arrives, a logout from the destroyed tab would have arrived too.
    const probe = new BroadcastChannel(CHANNEL)
    cleanups.push(() => probe.close())
    const { authToken } = await cometchat.mintGrant('alice')
    const taken = first.next('TAB_ADOPTED_GRANT')
    probe.postMessage(aliceGrant(authToken))
    await taken
    expect(await Promise.race([signedOut, 'still signed in'])).toBe('still signed in')
    expect(first.session.getState()).toMatchObject({ status: 'authenticated' })
  })

  it('syncUser(null) in one tab (the app signed out) signs the others out too', async () => {
    const [first, second] = await openV5Tabs(2)
    if (!first || !second) throw new Error('no tab')
    await first.session.syncUser('alice')
    const signedOut = second.next('SIGNED_OUT')
    await first.session.syncUser(null)
    await expect(signedOut).resolves.toMatchObject({ reason: 'tab', uid: 'alice' })
    expect(second.session.getState()).toEqual({ status: 'signed-out' })
  })

  it('a grant no newer than the tab’s own token is ignored (same receivedAt: not newer)', async () => {
    const [tab] = await openV5Tabs(1)
    if (!tab) throw new Error('no tab')
    const own = tab.sdk.getUserAuthToken()
    const { receivedAt } = JSON.parse(
      localStorage.getItem(`callsession:${'emulator-app'}:lifetime`) ?? '{}',
    ) as { receivedAt: number }
    const channel = new BroadcastChannel(CHANNEL)
    cleanups.push(() => channel.close())
    const grant = async (at: number) => ({
      type: 'grant',
      uid: 'alice',
      authToken: (await cometchat.mintGrant('alice')).authToken,
      expiresAt: at + 600_000,
      receivedAt: at,
      user: { uid: 'alice' },
    })
    const stale = await grant(receivedAt)
    const newer = await grant(receivedAt + 1)
    const taken = tab.next('TAB_ADOPTED_GRANT')
    channel.postMessage(stale)
    channel.postMessage(newer) // delivered after the stale one: once taken, that one was handled
    await taken
    expect(own).not.toBe(newer.authToken)
    expect(tab.sdk.getUserAuthToken()).toBe(newer.authToken)
    expect(tab.events.filter((e) => e.type === 'TAB_ADOPTED_GRANT')).toHaveLength(1)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(2) // the login, and the newer grant only
  })

  it('a grant still being swapped in when the user logs out is not taken', async () => {
    const [tab] = await openV5Tabs(1)
    if (!tab) throw new Error('no tab')
    let swapping = () => {}
    const swapStarted = new Promise<void>((resolve) => {
      swapping = resolve
    })
    const release = cometchat.hold((method, url) => {
      const match = method === 'PUT' && url.endsWith('/v3.0/me')
      if (match) swapping()
      return match
    })
    const channel = new BroadcastChannel(CHANNEL)
    cleanups.push(() => channel.close())
    const { authToken } = await cometchat.mintGrant('alice')
    channel.postMessage(aliceGrant(authToken))
    await swapStarted
    const loggedOut = tab.session.logout()
    release()
    await loggedOut
    expect(tab.session.getState()).toEqual({ status: 'signed-out' })
    expect(tab.events.map((e) => e.type)).not.toContain('TAB_ADOPTED_GRANT')
  })

  it('a tab that is not retained posts nothing to the others', async () => {
    const [listening] = await openV5Tabs(1)
    const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage')
    const loner = createCallsSession({ ...cometchat.options, sdk: cometchat.createSdk() })
    cleanups.push(() => loner.destroy())
    await loner.login({ uid: 'alice' })
    await loner.refresh()
    await loner.logout()
    expect(posted).not.toHaveBeenCalled()
    expect(listening?.session.getState().status).toBe('authenticated')
  })
})
