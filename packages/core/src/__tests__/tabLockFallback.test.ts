import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { installFakeLocks } from '../../test/fakeLocks.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import type { CallsSessionOptions } from '../index.js'

// The proactive refresh is shared by the tabs through a Web Lock: the tab that gets it refreshes
// and posts the grant; a tab that loses it waits, and refreshes by itself only if no grant comes.
// "Another tab" here is the test holding the same lock (the fake Web Locks) and posting on the
// same BroadcastChannel. The real 4.2.6 SDK signs in; a refresh is then a token fetch only, so
// the fake clock drives the schedule. Waits are on the session's events, never on time.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat({ lifetimeSeconds: 600 })
})
afterAll(() => cometchat.close())
const cleanups: (() => void)[] = []
beforeEach(() => {
  cleanups.push(installFakeLocks())
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
})
afterEach(async () => {
  vi.useRealTimers()
  destroySessions()
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  await cometchat.reset()
})

const lockName = () => `callsession:${cometchat.options.appId}:refresh`

/** Another tab takes the refresh lock and keeps it until the returned function is called. */
function anotherTabHoldsTheLock(): () => void {
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  void navigator.locks.request(lockName(), {}, () => held)
  cleanups.push(release)
  return release
}

/** A session on the real 4.2.6 SDK signed in as alice at the fake clock's now; retained unless told. */
async function signedIn(options: Partial<CallsSessionOptions> = {}, retain = true) {
  const opened = openSession(cometchat, { ...cometchat.realSdkV4(), ...options })
  if (retain) cleanups.push(opened.session.retain())
  await opened.session.login({ uid: 'alice' })
  await cometchat.wire() // whatever the sign-in left in flight has landed
  return opened
}

describe('the proactive refresh shared through the Web Lock', () => {
  it('a tab that loses the lock and never hears from the leader refreshes itself after min(leeway, time left) / 2', async () => {
    // 600 s token, 400 s leeway: due at half the lifetime (300 s), with 300 s left. The fallback
    // waits half of min(400 s, 300 s) = 150 s.
    const { session, next } = await signedIn({ refreshLeewaySeconds: 400 })
    const release = anotherTabHoldsTheLock()
    await vi.advanceTimersByTimeAsync(300_000)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login'])
    expect(session.getState().status).toBe('authenticated')
    release() // the other tab is done, and posted nothing
    await vi.advanceTimersByTimeAsync(149_999)
    expect(cometchat.requests).toHaveLength(1)
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(1)
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })

  it('the fallback waits at least 5 s, however little of the token is left', async () => {
    // 600 s token, 8 s leeway: due at 592 s; the fallback is half of min(8 s, 8 s), floored to 5 s.
    const { next } = await signedIn({ refreshLeewaySeconds: 8 })
    const release = anotherTabHoldsTheLock()
    await vi.advanceTimersByTimeAsync(592_000)
    release()
    await vi.advanceTimersByTimeAsync(4_999)
    expect(cometchat.requests).toHaveLength(1)
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(1)
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
  })

  it('a waiting tab that takes the leader’s grant makes no token request when the lock frees', async () => {
    const { session, next } = await signedIn({ refreshLeewaySeconds: 400 })
    const release = anotherTabHoldsTheLock()
    await vi.advanceTimersByTimeAsync(300_000)
    // The fallback comes due while the leader still holds the lock: the tab queues for it.
    await vi.advanceTimersByTimeAsync(150_000)
    expect(cometchat.requests).toHaveLength(1)
    const channel = new BroadcastChannel(`callsession:${cometchat.options.appId}`)
    cleanups.push(() => channel.close())
    const { authToken, user } = await cometchat.mintGrant('alice')
    const taken = next('TAB_ADOPTED_GRANT')
    const expiresAt = Date.now() + 600_000
    channel.postMessage({
      type: 'grant',
      uid: 'alice',
      authToken,
      expiresAt,
      receivedAt: Date.now(),
      user,
    })
    await taken
    release()
    await vi.advanceTimersByTimeAsync(1_000)
    await cometchat.wire()
    expect(cometchat.requests).toHaveLength(1)
    expect(session.getState()).toMatchObject({ status: 'authenticated', expiresAt })
  })

  it('the tab that gets the lock keeps its own schedule: refresh after refresh', async () => {
    const { next } = await signedIn({ refreshLeewaySeconds: 60 })
    const requested = vi.spyOn(navigator.locks, 'request')
    for (let i = 1; i <= 2; i++) {
      const refreshed = next('TOKEN_REFRESHED')
      await vi.advanceTimersByTimeAsync(540_000)
      await refreshed
      expect(cometchat.requests).toHaveLength(1 + i)
    }
    expect(requested.mock.calls.map(([name, options]) => [name, options])).toEqual([
      [lockName(), { ifAvailable: true }],
      [lockName(), { ifAvailable: true }],
    ])
  })

  it('a session no tab channel links (not retained) refreshes on time, not waiting for the lock', async () => {
    const { next } = await signedIn({ refreshLeewaySeconds: 60 }, false)
    anotherTabHoldsTheLock()
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(540_000)
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
  })
  it('the leader whose refresh fails retries on its backoff (5 s), not on the followers’ fallback', async () => {
    const { session, next } = await signedIn({ refreshLeewaySeconds: 60, tokenRetries: 0 })
    cometchat.answerNext(() => HttpResponse.error())
    const failed = next('REFRESH_FAILED_KEEPING_TOKEN')
    await vi.advanceTimersByTimeAsync(540_000)
    await expect(failed).resolves.toMatchObject({ retryAt: Date.now() + 5_000 })
    expect(session.getState().status).toBe('authenticated')
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(5_000)
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh', 'refresh'])
  })

  it('a grant that lands while the lock manager is still answering keeps its own schedule', async () => {
    // Real Web Locks answer asynchronously: another tab's grant can arrive before the answer.
    let answer = () => {}
    let first = true
    const locks = {
      request(
        name: string,
        options: { ifAvailable?: boolean },
        callback: (lock: unknown) => unknown,
      ) {
        if (!options.ifAvailable || !first) return Promise.resolve(callback({ name }))
        first = false
        return new Promise((resolve) => {
          answer = () => resolve(callback(null)) // lost to the other tab
        })
      },
    }
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
    const { session, next } = await signedIn({ refreshLeewaySeconds: 60 })
    await vi.advanceTimersByTimeAsync(540_000) // due: the lock is asked for, no answer yet
    const channel = new BroadcastChannel(`callsession:${cometchat.options.appId}`)
    cleanups.push(() => channel.close())
    const { authToken, user } = await cometchat.mintGrant('alice')
    const taken = next('TAB_ADOPTED_GRANT')
    channel.postMessage({
      type: 'grant',
      uid: 'alice',
      authToken,
      expiresAt: Date.now() + 600_000,
      receivedAt: Date.now(),
      user,
    })
    await taken
    answer()
    // The adopted grant is due 540 s after it was fetched: this tab refreshes it then.
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(540_000)
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(session.getState().status).toBe('authenticated')
  })
})
