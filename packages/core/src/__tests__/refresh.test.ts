import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeSdkV4 } from '../../test/fakeSdk.js'
import { openSession } from '../../test/openSession.js'
import { createTokenServer } from '../../test/tokenServer.js'

const tokens = createTokenServer({ lifetimeSeconds: 600 })
beforeAll(() => tokens.listen())
afterAll(() => tokens.close())
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
})
afterEach(() => {
  tokens.reset()
  vi.useRealTimers()
})

const usable = new Set(['authenticated', 'refreshing'])

describe('proactive refresh', () => {
  it('fetches a new token refreshLeewaySeconds before expiry, never leaving the usable states', async () => {
    const { session, sdk, statuses } = openSession({ refreshLeewaySeconds: 60 })
    await session.login({ uid: 'alice' })
    const firstExpiry = Date.now() + 600_000
    await vi.advanceTimersByTimeAsync(539_000)
    expect(tokens.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(statuses()).toEqual(['authenticating', 'authenticated', 'refreshing', 'authenticated'])
    const state = session.getState()
    expect(state).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(state.status === 'authenticated' && state.expiresAt).toBeGreaterThan(firstExpiry)
    expect(sdk.fake.loggedInUser()?.uid).toBe('alice')
    expect(sdk.fake.tokensSeen.at(-1)).toBe('alice_2')
    session.destroy()
  })

  it('keeps the user on the refreshing state (no flicker to authenticating)', async () => {
    const { session, states } = openSession()
    await session.login({ uid: 'alice' })
    await vi.advanceTimersByTimeAsync(600_000 * 3)
    const afterLogin = states.slice(2)
    expect(afterLogin.length).toBeGreaterThanOrEqual(4)
    expect(
      afterLogin.every((s) => usable.has(s.status) && 'user' in s && s.user.uid === 'alice'),
    ).toBe(true)
    session.destroy()
  })

  it('never refreshes earlier than half the lifetime, even with a huge leeway', async () => {
    const { session } = openSession({ refreshLeewaySeconds: 3_600 })
    await session.login({ uid: 'alice' })
    await vi.advanceTimersByTimeAsync(299_000)
    expect(tokens.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(tokens.requests).toHaveLength(2)
    session.destroy()
  })

  it('schedules nothing when the grant has no expiry', async () => {
    tokens.answerNext(() => HttpResponse.json({ uid: 'alice', authToken: 'alice_x' }))
    const { session } = openSession()
    await session.login({ uid: 'alice' })
    expect(vi.getTimerCount()).toBe(0)
    session.destroy()
  })

  it('stays signed in when a refresh fails while the token still works, and retries', async () => {
    const { session, statuses } = openSession()
    await session.login({ uid: 'alice' })
    const down = () => HttpResponse.error()
    tokens.answerNext(down, down, down, down)
    await vi.advanceTimersByTimeAsync(540_000 + 20_000)
    expect(session.getState().status).toBe('authenticated')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(session.getState().status).toBe('authenticated')
    expect(tokens.requests.length).toBeGreaterThanOrEqual(6)
    expect(statuses()).not.toContain('error')
    expect(statuses()).not.toContain('signed-out')
    session.destroy()
  })

  it('ends the session when the app server says the user is gone (401 on refresh)', async () => {
    const { session, sdk } = openSession()
    await session.login({ uid: 'alice' })
    tokens.signIn(null)
    await vi.advanceTimersByTimeAsync(540_000)
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UNAUTHORIZED' } })
    expect(sdk.fake.loggedInUser()).toBeNull()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('ends the session when the server now answers for another user', async () => {
    const { session } = openSession()
    await session.login({ uid: 'alice' })
    tokens.signIn('bob')
    await session.refresh().catch(() => {})
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UID_MISMATCH' } })
  })

  it('refresh() by hand shares one request between concurrent callers', async () => {
    const { session } = openSession()
    await session.login({ uid: 'alice' })
    await Promise.all([session.refresh(), session.refresh(), session.refresh()])
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    session.destroy()
  })

  it('refresh() while signed out is NOT_AUTHENTICATED', async () => {
    const { session } = openSession()
    await expect(session.refresh()).rejects.toMatchObject({ code: 'NOT_AUTHENTICATED' })
  })
})

describe('after the tab sleeps', () => {
  it('checks expiry at once when the tab becomes visible again', async () => {
    const { session } = openSession()
    const release = session.retain()
    await session.login({ uid: 'alice' })
    // A laptop lid closed: the clock jumps past expiry but no timer ran.
    vi.setSystemTime(Date.now() + 2 * 3_600_000)
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    await vi.advanceTimersByTimeAsync(0)
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(session.getState().status).toBe('authenticated')
    release()
    session.destroy()
  })

  it('checks expiry at once when the browser comes back online', async () => {
    const { session } = openSession()
    const release = session.retain()
    await session.login({ uid: 'alice' })
    window.dispatchEvent(new Event('offline'))
    vi.setSystemTime(Date.now() + 2 * 3_600_000)
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
    expect(session.getState().status).toBe('authenticated')
    release()
    session.destroy()
  })

  it('signs the wanted user in again when the browser comes back online after a network failure', async () => {
    const { session } = openSession()
    session.retain()
    const down = () => HttpResponse.error()
    tokens.answerNext(down, down, down, down)
    const failed = session.syncUser('alice').catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await failed).toMatchObject({ code: 'NETWORK_ERROR' })
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    session.destroy()
  })

  it('does nothing on wake-up when no refresh is due', async () => {
    const { session } = openSession()
    const release = session.retain()
    await session.login({ uid: 'alice' })
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(tokens.requests).toHaveLength(1)
    release()
    session.destroy()
  })
})

describe('reactive refresh', () => {
  it('fetches one new token when CometChat refuses the current one, and retries once', async () => {
    const sdk = createFakeSdkV4()
    const { session, statuses } = openSession({ sdk })
    await session.login({ uid: 'alice' })
    sdk.fake.revoke('alice_1')
    await expect(session.generateCallToken('room')).resolves.toBe('call_room')
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(sdk.fake.tokensSeen).toEqual(['alice_1', 'alice_1', 'alice_2'])
    expect(statuses()).not.toContain('signed-out')
    session.destroy()
  })

  it('gives up with TOKEN_REJECTED when the new token is refused too: no loop', async () => {
    const sdk = createFakeSdkV4()
    const { session } = openSession({ sdk })
    await session.login({ uid: 'alice' })
    sdk.fake.revoke()
    await expect(session.generateCallToken('room')).rejects.toMatchObject({
      code: 'TOKEN_REJECTED',
    })
    expect(tokens.requests).toHaveLength(2)
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'TOKEN_REJECTED' } })
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(tokens.requests).toHaveLength(2)
  })

  it('with the v5 SDK, logs in again with the new token', async () => {
    const { session, sdk } = openSession()
    await session.login({ uid: 'alice' })
    sdk.fake.revoke('alice_1')
    await expect(session.generateCallToken('room')).resolves.toBe('call_room')
    expect(sdk.fake.calls.login).toBe(2)
    session.destroy()
  })

  it('concurrent call-token requests on a revoked token share one new token', async () => {
    const sdk = createFakeSdkV4()
    const { session } = openSession({ sdk })
    await session.login({ uid: 'alice' })
    sdk.fake.revoke('alice_1')
    await Promise.all(['a', 'b', 'c'].map((room) => session.generateCallToken(room)))
    expect(tokens.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    session.destroy()
  })
})
