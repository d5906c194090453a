import { focusManager, onlineManager } from '@tanstack/query-core'
import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Answer, type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import type { CallsSession, CallsSessionOptions } from '../index.js'

// Proactive and reactive refresh. The real 4.2.6 SDK signs in against the emulator over HTTP;
// after that a refresh is a token fetch only (4.x has no login to swap), so the fake clock
// (setTimeout, clearTimeout, Date only) drives the schedule. Real HTTP does not advance with the
// fake clock: every wait is on the session's own events, never on time.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat({ lifetimeSeconds: 600 })
})
afterAll(() => cometchat.close())
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
})
afterEach(async () => {
  vi.useRealTimers()
  destroySessions()
  onlineManager.setOnline(true)
  focusManager.setFocused(undefined)
  await cometchat.reset()
})

const usable = new Set(['authenticated', 'refreshing'])
const down: Answer = () => HttpResponse.error()
const revokedGrant: Answer = async ({ mint }) => {
  const grant = await mint('alice')
  await cometchat.revokeTokens('alice')
  return HttpResponse.json(grant)
}

/** A session on the real 4.2.6 SDK, signed in as alice. */
async function signedInV4(options: Partial<CallsSessionOptions> = {}) {
  const opened = openSession(cometchat, { ...cometchat.realSdkV4(), ...options })
  await opened.session.login({ uid: 'alice' })
  await settled()
  return opened
}

/** One round trip to the emulator: whatever the sign-in left in flight has landed. */
const settled = () => cometchat.wire()

describe('proactive refresh', () => {
  it('fetches a new token refreshLeewaySeconds before expiry, never leaving the usable states', async () => {
    const { session, statuses, next } = await signedInV4({ refreshLeewaySeconds: 60 })
    const firstExpiry = Date.now() + 600_000
    await vi.advanceTimersByTimeAsync(539_000)
    expect(cometchat.requests).toHaveLength(1)
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(1_000)
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(statuses()).toEqual(['authenticating', 'authenticated', 'refreshing', 'authenticated'])
    const state = session.getState()
    expect(state).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(state.status === 'authenticated' && state.expiresAt).toBeGreaterThan(firstExpiry)
    // The new token works at CometChat even once every older one is gone.
    await cometchat.revokeTokens('alice')
    cometchat.answerNext(revokedGrant)
    await expect(session.generateCallToken('room')).rejects.toMatchObject({
      code: 'TOKEN_REJECTED',
    })
  })

  it('keeps the user through three refreshes (no flicker to authenticating)', async () => {
    const { states, next } = await signedInV4()
    for (let i = 0; i < 3; i++) {
      const refreshed = next('TOKEN_REFRESHED')
      await vi.advanceTimersByTimeAsync(600_000)
      await refreshed
    }
    const afterLogin = states.slice(2)
    expect(afterLogin).toHaveLength(6)
    expect(
      afterLogin.every((s) => usable.has(s.status) && 'user' in s && s.user.uid === 'alice'),
    ).toBe(true)
    expect(cometchat.requests).toHaveLength(4)
  })

  it('never refreshes earlier than half the lifetime, even with a huge leeway', async () => {
    const { next } = await signedInV4({ refreshLeewaySeconds: 3_600 })
    await vi.advanceTimersByTimeAsync(299_000)
    expect(cometchat.requests).toHaveLength(1)
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(1_000)
    await refreshed
    expect(cometchat.requests).toHaveLength(2)
  })

  it('schedules nothing when the grant has no expiry', async () => {
    cometchat.answerNext(async ({ mint }) => {
      const { expiresIn: _, ...grant } = await mint('alice')
      return HttpResponse.json(grant)
    })
    const { session, events } = await signedInV4()
    expect(session.getState()).toEqual({
      status: 'authenticated',
      user: { uid: 'alice', name: 'Alice' },
    })
    expect(events.map((e) => e.type)).not.toContain('REFRESH_SCHEDULED')
    await vi.advanceTimersByTimeAsync(24 * 3_600_000)
    expect(cometchat.requests).toHaveLength(1)
  })

  it('stays signed in when a refresh fails while the token still works, then retries and succeeds', async () => {
    const { session, statuses, next } = await signedInV4()
    cometchat.answerNext(down, down, down, down)
    const failed = next('REFRESH_FAILED_KEEPING_TOKEN')
    const refreshed = next('TOKEN_REFRESHED')
    await vi.advanceTimersByTimeAsync(540_000 + 20_000)
    const failure = await failed
    expect(failure).toMatchObject({ error: { code: 'NETWORK_ERROR' } })
    expect(session.getState().status).toBe('authenticated')
    await vi.advanceTimersByTimeAsync(30_000)
    await refreshed
    expect(cometchat.requests).toHaveLength(6) // login, 4 failed tries, 1 good
    expect(statuses()).not.toContain('error')
    expect(statuses()).not.toContain('signed-out')
  })

  it('ends the session when the app server says the user is gone (401 on refresh), and stops', async () => {
    const { session, next } = await signedInV4()
    cometchat.signIn(null)
    const ended = next('ERROR')
    await vi.advanceTimersByTimeAsync(540_000)
    await ended
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UNAUTHORIZED' } })
    await vi.advanceTimersByTimeAsync(24 * 3_600_000)
    expect(cometchat.requests).toHaveLength(2)
  })

  it('ends the session when the server now answers for another user', async () => {
    const { session } = await signedInV4()
    cometchat.signIn('bob')
    await expect(session.refresh()).rejects.toMatchObject({ code: 'UID_MISMATCH' })
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UID_MISMATCH' } })
  })

  it('refresh() by hand shares one request between concurrent callers', async () => {
    const { session } = await signedInV4()
    await Promise.all([session.refresh(), session.refresh(), session.refresh()])
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
  })

  it('refresh() right after login() resolves fetches a new token', async () => {
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    await session.login({ uid: 'alice' })
    await session.refresh()
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
  })

  it('refresh() while signed out is NOT_AUTHENTICATED', async () => {
    const { session } = openSession(cometchat)
    await expect(session.refresh()).rejects.toMatchObject({ code: 'NOT_AUTHENTICATED' })
  })
})

describe('after the tab sleeps', () => {
  /** A laptop lid closed: the clock jumps past expiry but no timer ran. */
  const sleepTwoHours = () => vi.setSystemTime(Date.now() + 2 * 3_600_000)

  async function retained(session: CallsSession) {
    session.retain()
    return session
  }

  it('checks expiry at once when the tab becomes visible again', async () => {
    const { session, next } = await signedInV4()
    await retained(session)
    sleepTwoHours()
    const refreshed = next('TOKEN_REFRESHED')
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(session.getState().status).toBe('authenticated')
  })

  it('checks expiry at once when the browser comes back online', async () => {
    const { session, next } = await signedInV4()
    await retained(session)
    window.dispatchEvent(new Event('offline'))
    sleepTwoHours()
    const refreshed = next('TOKEN_REFRESHED')
    window.dispatchEvent(new Event('online'))
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(session.getState().status).toBe('authenticated')
  })

  it('signs the wanted user in again when the browser comes back online after a network failure', async () => {
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    session.retain()
    cometchat.answerNext(down, down, down, down)
    const failed = session.syncUser('alice').catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await failed).toMatchObject({ code: 'NETWORK_ERROR' })
    const signedIn = session.whenAuthenticated()
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    await expect(signedIn).resolves.toMatchObject({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(5)
  })

  it('does nothing on wake-up when no refresh is due', async () => {
    const { session, events } = await signedInV4()
    await retained(session)
    const before = events.length
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    // A refresh would have started synchronously (state `refreshing`, a request on its way).
    expect(session.getState().status).toBe('authenticated')
    expect(events.slice(before)).toEqual([])
    expect(cometchat.requests).toHaveLength(1)
  })
})

describe('reactive refresh', () => {
  it('fetches one new token when CometChat refuses the current one, and retries once', async () => {
    const { session, statuses } = await signedInV4()
    await cometchat.revokeTokens('alice')
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    // Verify at login, the refused call, the retry with the new token.
    expect(await cometchat.count('POST /calls/v3.0/call_tokens')).toBe(3)
    expect(statuses()).not.toContain('signed-out')
    expect(statuses()).not.toContain('error')
  })

  it('gives up with TOKEN_REJECTED when the new token is refused too: no loop', async () => {
    const { session } = await signedInV4()
    await cometchat.revokeTokens('alice')
    cometchat.answerNext(revokedGrant)
    await expect(session.generateCallToken('room')).rejects.toMatchObject({
      code: 'TOKEN_REJECTED',
    })
    expect(cometchat.requests).toHaveLength(2)
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'TOKEN_REJECTED' } })
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(cometchat.requests).toHaveLength(2)
  })

  it('with the v5 SDK, logs in again with the new token (a second PUT /me)', async () => {
    const { session, sdk } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    await cometchat.revokeTokens('alice')
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(2)
    expect(sdk.getUserAuthToken()).toBe(cometchat.issued.at(-1))
  })

  it('concurrent call-token requests on a revoked token share one new token', async () => {
    const { session } = await signedInV4()
    await cometchat.revokeTokens('alice')
    await Promise.all(['a', 'b', 'c'].map((room) => session.generateCallToken(room)))
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
  })
})
