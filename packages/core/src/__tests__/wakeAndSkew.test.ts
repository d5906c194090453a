import { focusManager, onlineManager } from '@tanstack/query-core'
import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import {
  type CallsSession,
  type CallsSessionEvent,
  type CallsSessionOptions,
  createCallsSession,
} from '../index.js'

// Issue 12, items 5 and 6: a clock hours off still signs in and refreshes on time; waking up or
// coming back online retries a sign-in that failed for a transient reason, backing off.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const cleanup of cleanups.splice(0)) await cleanup()
  onlineManager.setOnline(true)
  focusManager.setFocused(undefined)
  await cometchat.reset()
})

function open(options: Partial<CallsSessionOptions> = {}) {
  const session: CallsSession = createCallsSession({
    ...cometchat.options,
    sdk: cometchat.createSdk(),
    tokenRetries: 0,
    ...options,
  })
  const events: CallsSessionEvent[] = []
  session.on((event) => events.push(event))
  const release = session.retain()
  cleanups.push(async () => {
    release()
    await session.logout().finally(() => session.destroy())
  })
  return { session, events }
}

const HOUR = 3_600_000

describe('clock skew', () => {
  it('a client 2 h fast logs in and schedules its refresh from the server clock (expiresAt + Date)', async () => {
    const serverNow = Date.now()
    vi.useFakeTimers({ toFake: ['Date'], now: serverNow + 2 * HOUR })
    cometchat.answerNext(async ({ mint }) => {
      const { expiresIn: _, ...grant } = await mint('alice')
      return HttpResponse.json(
        { ...grant, expiresAt: Math.floor(serverNow / 1000) + 3600 },
        { headers: { date: new Date(serverNow).toUTCString() } },
      )
    })
    const { session, events } = open()
    await session.login({ uid: 'alice' })
    const state = session.getState()
    const expiresAt = state.status === 'authenticated' ? (state.expiresAt ?? 0) : 0
    // Expiry in this browser's clock: an hour from its own now (give or take the Date header's 1 s).
    expect(Math.abs(expiresAt - (Date.now() + HOUR))).toBeLessThan(2_000)
    const scheduled = events.find((e) => e.type === 'REFRESH_SCHEDULED')
    expect(scheduled?.type === 'REFRESH_SCHEDULED' && scheduled.dueAt - Date.now()).toBeGreaterThan(
      HOUR - 62_000,
    )
  })

  it('fetchToken may give serverDate to correct an absolute expiresAt', async () => {
    const serverNow = Date.now()
    vi.useFakeTimers({ toFake: ['Date'], now: serverNow + 2 * HOUR })
    const { tokenEndpoint: _, ...options } = cometchat.options
    const { session } = open({
      ...options,
      tokenEndpoint: undefined,
      fetchToken: async () => ({
        ...(await cometchat.mintGrant('alice')),
        expiresAt: Math.floor(serverNow / 1000) + 3600,
        serverDate: serverNow,
      }),
    })
    await session.login({ uid: 'alice' })
    const state = session.getState()
    const expiresAt = state.status === 'authenticated' ? (state.expiresAt ?? 0) : 0
    expect(Math.abs(expiresAt - (Date.now() + HOUR))).toBeLessThan(2_000)
  })

  it('without a server clock a 2 h fast client would see the token as expired: expiresIn avoids it', async () => {
    const serverNow = Date.now()
    vi.useFakeTimers({ toFake: ['Date'], now: serverNow + 2 * HOUR })
    const { session } = open() // the default answer carries expiresIn only
    await session.login({ uid: 'alice' })
    expect(session.getState().status).toBe('authenticated')
  })
})

describe('waking up recovers', () => {
  it('login() records its target: coming back online retries a sign-in that failed for want of network', async () => {
    cometchat.answerNext(() => HttpResponse.error())
    const { session } = open()
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    const signedIn = session.whenAuthenticated()
    onlineManager.setOnline(false)
    onlineManager.setOnline(true)
    await expect(signedIn).resolves.toMatchObject({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(2)
  })

  it('a 503 from the token endpoint is retried when the tab becomes visible again', async () => {
    cometchat.answerNext(() => HttpResponse.json({}, { status: 503 }))
    const { session } = open()
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({
      code: 'TOKEN_ENDPOINT_ERROR',
    })
    const signedIn = session.whenAuthenticated()
    focusManager.setFocused(false)
    focusManager.setFocused(true)
    await expect(signedIn).resolves.toMatchObject({ uid: 'alice' })
  })

  it('repeated wake-ups back off instead of hammering a failing endpoint', async () => {
    cometchat.answerNext(
      ...Array.from({ length: 5 }, () => () => HttpResponse.json({}, { status: 503 })),
    )
    const { session, events } = open()
    await session.login({ uid: 'alice' }).catch(() => {})
    const failedAgain = new Promise<void>((resolve) =>
      session.on((event) => event.type === 'ERROR' && resolve()),
    )
    focusManager.setFocused(false)
    focusManager.setFocused(true) // first wake-up: one retry
    expect(session.getState().status).toBe('authenticating')
    await failedAgain
    focusManager.setFocused(false)
    focusManager.setFocused(true) // within the 5 s backoff: no retry (it would start synchronously)
    expect(session.getState().status).toBe('error')
    expect(cometchat.requests).toHaveLength(2)
    expect(events.filter((e) => e.type === 'ERROR')).toHaveLength(2)
  })

  it('a 401 (signed out of the app) is not retried on wake-up', async () => {
    cometchat.signIn(null)
    const { session } = open()
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    onlineManager.setOnline(false)
    onlineManager.setOnline(true)
    focusManager.setFocused(false)
    focusManager.setFocused(true)
    // A retry would have started synchronously (status 'authenticating').
    expect(session.getState().status).toBe('error')
    expect(cometchat.requests).toHaveLength(1)
  })
})
