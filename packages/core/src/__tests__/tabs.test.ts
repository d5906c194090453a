import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { installFakeLocks } from '../../test/fakeLocks.js'
import { openSession } from '../../test/openSession.js'
import { createTokenServer } from '../../test/tokenServer.js'

const tokens = createTokenServer({ lifetimeSeconds: 600 })
beforeAll(() => tokens.listen())
afterAll(() => tokens.close())
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  tokens.reset()
})

/** `count` tabs of one origin: each a session with its own SDK, sharing BroadcastChannel. */
async function openTabs(count: number) {
  const tabs = Array.from({ length: count }, () => openSession({ refreshLeewaySeconds: 60 }))
  for (const tab of tabs) {
    const release = tab.session.retain()
    cleanups.push(() => {
      release()
      tab.session.destroy()
    })
  }
  await Promise.all(tabs.map((tab) => tab.session.login({ uid: 'alice' })))
  return tabs
}

describe('several tabs', () => {
  it('a refresh in one tab serves the others (they take its token, no request of their own)', async () => {
    const tabs = await openTabs(3)
    const [first, ...others] = tabs
    const loginRequests = tokens.requests.length
    await first?.session.refresh()
    const fresh = first?.sdk.fake.tokensSeen.at(-1)
    await vi.waitFor(() => {
      for (const tab of others) expect(tab.sdk.fake.tokensSeen.at(-1)).toBe(fresh)
    })
    expect(tokens.requests.length - loginRequests).toBe(1)
    for (const tab of tabs) expect(tab.session.getState().status).toBe('authenticated')
  })

  it('five tabs due at once make one token request (Web Locks)', async () => {
    cleanups.push(installFakeLocks())
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    cleanups.push(() => vi.useRealTimers())
    const tabs = await openTabs(5)
    const loginRequests = tokens.requests.length
    await vi.advanceTimersByTimeAsync(540_000)
    await vi.waitFor(() => {
      for (const tab of tabs)
        expect(tab.sdk.fake.tokensSeen.at(-1)).toBe(tabs[0]?.sdk.fake.tokensSeen.at(-1))
    })
    // Past the followers' fallback too: nobody refreshes on their own.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(tokens.requests.length - loginRequests).toBe(1)
    const expiries = tabs.map((tab) => {
      const state = tab.session.getState()
      return state.status === 'authenticated' ? state.expiresAt : undefined
    })
    expect(new Set(expiries).size).toBe(1)
  })

  it('logout in one tab signs the others out', async () => {
    const tabs = await openTabs(3)
    await tabs[1]?.session.logout()
    await vi.waitFor(() => {
      for (const tab of tabs) expect(tab.session.getState()).toEqual({ status: 'signed-out' })
    })
    for (const tab of tabs) expect(tab.sdk.fake.loggedInUser()).toBeNull()
  })

  it('ignores messages about another user and garbage on the channel', async () => {
    const tabs = await openTabs(2)
    const channel = new BroadcastChannel('callsession:app')
    channel.postMessage({ type: 'logout', uid: 'bob' })
    channel.postMessage('nonsense')
    channel.postMessage({ type: 'grant', uid: 'alice', authToken: 7 })
    channel.postMessage(null)
    await tabs[0]?.session.refresh()
    channel.close()
    for (const tab of tabs) expect(tab.session.getState().status).toBe('authenticated')
  })

  it('a tab that is not retained posts nothing to the others', async () => {
    const [listening] = await openTabs(1)
    const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage')
    const loner = openSession()
    cleanups.push(() => loner.session.destroy())
    await loner.session.login({ uid: 'alice' })
    await loner.session.refresh()
    await loner.session.logout()
    expect(posted).not.toHaveBeenCalled()
    expect(listening?.session.getState().status).toBe('authenticated')
  })
})
