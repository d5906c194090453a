import { focusManager } from '@tanstack/query-core'
import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'

// Waking up (tab visible again, back online) runs a refresh that came due and retries a sign-in
// that failed for a transient reason, backing off 5 s, 10 s, 20 s… between wake-up retries. Only
// Date is faked: the clock is set to exact instants, and the wake-up is the focus signal.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  vi.useRealTimers()
  destroySessions()
  focusManager.setFocused(undefined)
  await cometchat.reset()
})

const T0 = new Date('2026-01-01T00:00:00Z').getTime()
const unavailable = () => HttpResponse.json({}, { status: 503 })
const wake = () => {
  focusManager.setFocused(false)
  focusManager.setFocused(true)
}

function open() {
  vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  const opened = openSession(cometchat, { tokenRetries: 0 })
  opened.session.retain()
  /** Wakes the tab at `time`; resolves with the status the wake-up left (a retry starts at once). */
  const wakeAt = (time: number) => {
    vi.setSystemTime(time)
    wake()
    return opened.session.getState().status
  }
  return { ...opened, wakeAt }
}

describe('wake-up retries of a failed sign-in', () => {
  it('back off exactly 5 s, then 10 s, and start over after one succeeds', async () => {
    cometchat.answerNext(unavailable, unavailable, unavailable)
    const { session, next, wakeAt } = open()
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ status: 503 })
    let failed = next('ERROR')
    expect(wakeAt(T0)).toBe('authenticating') // the first wake-up retries at once
    await failed
    expect(wakeAt(T0 + 4_999)).toBe('error')
    failed = next('ERROR')
    expect(wakeAt(T0 + 5_000)).toBe('authenticating') // 5 s after the first retry
    await failed
    expect(wakeAt(T0 + 14_999)).toBe('error')
    expect(wakeAt(T0 + 15_000)).toBe('authenticating') // 10 s after the second
    await session.whenAuthenticated()
    expect(cometchat.requests).toHaveLength(4)
    // A later failure is retried at the very next wake-up again, and backs off from 5 s.
    cometchat.signIn('bob')
    cometchat.answerNext(unavailable, unavailable)
    await expect(session.login({ uid: 'bob' })).rejects.toMatchObject({ status: 503 })
    failed = next('ERROR')
    expect(wakeAt(T0 + 15_000)).toBe('authenticating')
    await failed
    expect(wakeAt(T0 + 19_999)).toBe('error')
    expect(wakeAt(T0 + 20_000)).toBe('authenticating')
    await expect(session.whenAuthenticated()).resolves.toMatchObject({ uid: 'bob' })
  })
})

describe('wake-up with a refresh due', () => {
  it('refreshes when woken exactly at the due time, not a moment before', async () => {
    const { session, events, next } = open()
    await session.login({ uid: 'alice' })
    const scheduled = events.find((e) => e.type === 'REFRESH_SCHEDULED')
    const dueAt = scheduled?.type === 'REFRESH_SCHEDULED' ? scheduled.dueAt : Number.NaN
    expect(dueAt).toBeGreaterThan(T0)
    vi.setSystemTime(dueAt - 1)
    wake()
    expect(session.getState().status).toBe('authenticated')
    const refreshed = next('TOKEN_REFRESHED')
    vi.setSystemTime(dueAt)
    wake()
    expect(session.getState().status).toBe('refreshing')
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
  })
})
