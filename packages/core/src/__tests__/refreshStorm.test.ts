import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import {
  type CallsSession,
  type CallsSessionOptions,
  createCallsSession,
  isCallsSessionError,
  type TokenGrant,
} from '../index.js'

// Issue 12, items 1 and 10: no lifetime and no failure can make a session hammer the token endpoint.
// The real 4.2.6 SDK over HTTP signs in; afterwards a refresh is a token fetch only (4.x has no
// login to swap), so fake timers drive the schedule with nothing else in between.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
  await cometchat.realSdkV4() // the 2.6 MB bundle evaluates once, outside the tests' timeouts
}, 60_000)
afterAll(() => cometchat.close())
const sessions: CallsSession[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const session of sessions.splice(0)) await session.logout().finally(() => session.destroy())
  await cometchat.reset()
})

/**
 * A session signed in with a real token that has no expiry (so nothing is scheduled before the
 * fake clock takes over); `answer` shapes each later grant, or fails it. Token requests are counted.
 */
async function signedIn(
  answer: (n: number) => Partial<TokenGrant> | Error,
  options: Partial<CallsSessionOptions> = {},
) {
  const { tokenEndpoint: _, ...real } = await cometchat.realSdkV4()
  const first = await cometchat.mintGrant('alice')
  let requests = 0
  const session = createCallsSession({
    ...real,
    fetchToken: async () => {
      requests++
      if (requests === 1) return first
      const shaped = answer(requests)
      if (shaped instanceof Error) throw shaped
      return { ...first, ...shaped }
    },
    ...options,
  })
  sessions.push(session)
  await session.login({ uid: 'alice' })
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  return { session, requests: () => requests }
}

describe('short or bad lifetimes cannot cause a refresh storm', () => {
  it('a grant living under 5 s is INVALID_TOKEN_RESPONSE', async () => {
    for (const expiresIn of [0.002, 1, 4.9]) {
      const session = createCallsSession({
        ...(await cometchat.realSdkV4()),
        tokenEndpoint: undefined,
        fetchToken: async () => ({ uid: 'alice', authToken: 'alice_0123456789abcdef', expiresIn }),
      })
      sessions.push(session)
      const error = await session.login({ uid: 'alice' }).catch((caught: unknown) => caught)
      expect(isCallsSessionError(error) && error.code).toBe('INVALID_TOKEN_RESPONSE')
    }
  })

  it('refreshLeewaySeconds must be a finite number ≥ 0, else a TypeError at creation', async () => {
    const real = await cometchat.realSdkV4()
    for (const refreshLeewaySeconds of [Number.NaN, -1, Number.POSITIVE_INFINITY, '60']) {
      expect(() =>
        createCallsSession({
          ...real,
          refreshLeewaySeconds: refreshLeewaySeconds as number,
        }),
      ).toThrow(TypeError)
    }
    sessions.push(createCallsSession({ ...real, refreshLeewaySeconds: 0 }))
  })

  it('at most one proactive token request per 5 s, even for 5 s grants with a 60 s leeway', async () => {
    const { session, requests } = await signedIn(() => ({ expiresIn: 5 }), {
      refreshLeewaySeconds: 60,
    })
    await session.refresh() // the first 5 s grant: from here on the schedule runs by itself
    await vi.advanceTimersByTimeAsync(60_000)
    const proactive = requests() - 2
    // One every 5 s over 60 s, not one every half-lifetime (2.5 s) and never a loop.
    expect(proactive).toBeGreaterThanOrEqual(11)
    expect(proactive).toBeLessThanOrEqual(12)
  })

  it('a refresh() by hand does not count against the 5 s limit: the next one comes at half the lifetime', async () => {
    const { session, requests } = await signedIn(() => ({ expiresIn: 6 }))
    await session.refresh() // by hand: a 6 s grant, due at half its lifetime (3 s)
    await vi.advanceTimersByTimeAsync(2_999)
    expect(requests()).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(requests()).toBe(3))
  })

  it('a grant living longer than a timer can wait (24.8 days) is still refreshed on time, not early', async () => {
    const DAY = 86_400_000
    const { session, requests } = await signedIn(() => ({ expiresIn: 60 * 86_400 }))
    await session.refresh() // a 60-day grant: due 60 s before it expires
    await vi.advanceTimersByTimeAsync(59 * DAY)
    expect(requests()).toBe(2)
    await vi.advanceTimersByTimeAsync(DAY - 60_000)
    await vi.waitFor(() => expect(requests()).toBe(3))
  })

  it('at most one proactive token request per 5 s even when the clock is set back meanwhile', async () => {
    const { session, requests } = await signedIn(
      (n) => {
        if (n !== 3) return { expiresIn: 600 }
        vi.setSystemTime(Date.now() - 10_000) // the OS corrects the clock during the request
        return new Error('server down')
      },
      { refreshLeewaySeconds: 60 },
    )
    await session.refresh() // a 600 s grant: the proactive refresh is due at 540 s (call it T)
    await vi.advanceTimersByTimeAsync(540_000) // T: the request fails, the clock now reads T - 10 s
    expect(requests()).toBe(3)
    // The retry comes due 5 s after the failure (T - 5 s), less than 5 s after the last request
    // (T): it waits for T + 5 s, 15 s from here.
    await vi.advanceTimersByTimeAsync(14_999)
    expect(requests()).toBe(3)
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(requests()).toBe(4))
  })

  it('a failing refresh of a token with no expiry backs off exponentially, capped at 5 min', async () => {
    const { session, requests } = await signedIn(() => new Error('server down'), {})
    // A grant with no expiry is never refreshed on its own: only when asked.
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(requests()).toBe(1)
    const times: number[] = []
    session.on((event) => {
      if (event.type === 'REFRESH_FAILED_KEEPING_TOKEN') times.push(event.retryAt - event.at)
    })
    await session.refresh().catch(() => {})
    await vi.advanceTimersByTimeAsync(30 * 60_000)
    expect(times.slice(0, 7)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000])
    expect(new Set(times.slice(6))).toEqual(new Set([300_000]))
    // 30 min at today's 30 s would be 60 requests; backing off it is about a dozen.
    expect(requests()).toBeLessThanOrEqual(14)
    expect(session.getState().status).toBe('authenticated')
  })
})
