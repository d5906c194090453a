import type { CallsSessionEvent, CallsSessionState } from '@callsession/core'
import { describe, expect, it } from 'vitest'
import type { EventBody } from '../../test/fakeSession.js'
import { barPosition, tokenLife } from '../tokenLife.js'

const e = (event: EventBody & { at: number }) => ({ uid: 'alice', ...event }) as CallsSessionEvent
const signedIn = (expiresAt?: number): CallsSessionState => ({
  status: 'authenticated',
  user: { uid: 'alice' },
  ...(expiresAt !== undefined && { expiresAt }),
})

// Core's order of events for a login: fetched, scheduled (while adopting), signed in.
const login = [
  e({ type: 'TOKEN_FETCHED', at: 1_000, reason: 'login', durationMs: 120, attempt: 1 }),
  e({ type: 'REFRESH_SCHEDULED', at: 1_010, dueAt: 541_000 }),
  e({ type: 'SIGNED_IN', at: 1_020, source: 'token' }),
]

describe('tokenLife', () => {
  it('after a login: received at the fetch, due when scheduled, expiring per the state', () => {
    expect(tokenLife(login, signedIn(601_000))).toEqual({
      receivedAt: 1_000,
      dueAt: 541_000,
      retrying: false,
      expiresAt: 601_000,
    })
  })

  it('after a refresh: the new token only', () => {
    const events = [
      ...login,
      e({ type: 'TOKEN_FETCHED', at: 541_000, reason: 'refresh', durationMs: 90, attempt: 1 }),
      e({ type: 'REFRESH_SCHEDULED', at: 541_005, dueAt: 1_081_000 }),
      e({ type: 'TOKEN_REFRESHED', at: 541_010, expiresAt: 1_141_000 }),
    ]
    expect(tokenLife(events, signedIn(1_141_000))).toMatchObject({
      receivedAt: 541_000,
      dueAt: 1_081_000,
    })
  })

  it("after another tab's grant: the schedule core made just before reporting the adoption", () => {
    const events = [
      ...login,
      e({ type: 'REFRESH_SCHEDULED', at: 500_000, dueAt: 1_040_000 }),
      e({ type: 'TAB_ADOPTED_GRANT', at: 500_001, expiresAt: 1_100_000 }),
    ]
    expect(tokenLife(events, signedIn(1_100_000))).toMatchObject({
      receivedAt: 500_001,
      dueAt: 1_040_000,
    })
  })

  it('a new token with no schedule (no expiry, or autoRefresh off) keeps no stale due time', () => {
    const events = [
      ...login,
      e({ type: 'TOKEN_FETCHED', at: 5_000, reason: 'refresh', durationMs: 90, attempt: 1 }),
      e({ type: 'TOKEN_REFRESHED', at: 5_010, expiresAt: undefined }),
    ]
    expect(tokenLife(events, signedIn()).dueAt).toBeUndefined()
  })

  it('after a failed refresh that keeps the token: the retry time, marked as a retry', () => {
    const events = [
      ...login,
      e({
        type: 'REFRESH_FAILED_KEEPING_TOKEN',
        at: 541_100,
        retryAt: 571_100,
        error: { code: 'NETWORK_ERROR' } as never,
      }),
    ]
    expect(tokenLife(events, signedIn(601_000))).toMatchObject({
      receivedAt: 1_000,
      dueAt: 571_100,
      retrying: true,
    })
  })

  it('a session the SDK restored: receipt unknown, schedule from the restore on', () => {
    const events = [
      ...login,
      e({ type: 'SIGNED_OUT', at: 2_000, reason: 'user' }),
      e({ type: 'SIGNED_IN', at: 3_000, source: 'restored' }),
      e({ type: 'REFRESH_SCHEDULED', at: 3_001, dueAt: 9_000 }),
    ]
    expect(tokenLife(events, signedIn(10_000))).toMatchObject({
      receivedAt: undefined,
      dueAt: 9_000,
      expiresAt: 10_000,
    })
  })

  it('signed out: nothing, whatever the events said before', () => {
    expect(tokenLife(login, { status: 'signed-out' })).toEqual({
      receivedAt: undefined,
      dueAt: undefined,
      retrying: false,
      expiresAt: undefined,
    })
  })

  it('events from before a sign-out never describe the token of the next sign-in', () => {
    const events = [...login, e({ type: 'SIGNED_OUT', at: 2_000, reason: 'user' })]
    expect(tokenLife(events, signedIn(601_000))).toMatchObject({
      receivedAt: undefined,
      dueAt: undefined,
    })
  })
})

describe('barPosition', () => {
  const life = { receivedAt: 1_000, dueAt: 541_000, expiresAt: 601_000, retrying: false }
  it('is the share of the lifetime gone by, clamped to 0–100', () => {
    expect(barPosition(life, 541_000)).toBe(90)
    expect(barPosition(life, 1_000)).toBe(0)
    expect(barPosition(life, 0)).toBe(0)
    expect(barPosition(life, 900_000)).toBe(100)
  })
  it('has no position without both ends, or for an empty lifetime', () => {
    expect(barPosition({ ...life, receivedAt: undefined }, 5)).toBeUndefined()
    expect(barPosition({ ...life, expiresAt: 1_000 }, 5)).toBeUndefined()
    expect(barPosition(life, undefined)).toBeUndefined()
  })
})
