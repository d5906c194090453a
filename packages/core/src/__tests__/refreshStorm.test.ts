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
