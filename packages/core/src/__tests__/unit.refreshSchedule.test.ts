import { describe, expect, it } from 'vitest'
import {
  backoffMs,
  MAX_BACKOFF_MS,
  MAX_TIMER_MS,
  MIN_REFRESH_INTERVAL_MS,
  refreshDueAt,
} from '../refreshSchedule.js'

const T0 = 1_700_000_000_000
const HOUR = 3_600_000

describe('constants', () => {
  it('are what the docs promise', () => {
    expect(MAX_TIMER_MS).toBe(2_147_483_647)
    expect(MIN_REFRESH_INTERVAL_MS).toBe(5_000)
    expect(MAX_BACKOFF_MS).toBe(300_000)
  })
})

describe('refreshDueAt', () => {
  it('is leeway before expiry for a long-lived token', () => {
    expect(refreshDueAt({ receivedAt: T0, expiresAt: T0 + HOUR, leewayMs: 60_000 })).toBe(
      T0 + HOUR - 60_000,
    )
  })

  it('is half the lifetime when the leeway is longer than that', () => {
    expect(refreshDueAt({ receivedAt: T0, expiresAt: T0 + 100_000, leewayMs: 60_000 })).toBe(
      T0 + 50_000,
    )
  })

  it('at leeway = half the lifetime both agree', () => {
    expect(refreshDueAt({ receivedAt: T0, expiresAt: T0 + 120_000, leewayMs: 60_000 })).toBe(
      T0 + 60_000,
    )
  })

  it('with no leeway is the expiry itself', () => {
    expect(refreshDueAt({ receivedAt: T0, expiresAt: T0 + HOUR, leewayMs: 0 })).toBe(T0 + HOUR)
  })

  it('is counted from receivedAt, not from zero', () => {
    expect(refreshDueAt({ receivedAt: 1_000, expiresAt: 11_000, leewayMs: 9_000 })).toBe(6_000)
  })

  it('waits 5 s after the last proactive request', () => {
    expect(
      refreshDueAt({
        receivedAt: T0,
        expiresAt: T0 + 10_000,
        leewayMs: 60_000,
        lastRequestAt: T0 + 1_000,
      }),
    ).toBe(T0 + 6_000)
  })

  it('a last request 5 s or more before the due time changes nothing', () => {
    const base = { receivedAt: T0, expiresAt: T0 + HOUR, leewayMs: 60_000 }
    const due = T0 + HOUR - 60_000
    expect(refreshDueAt({ ...base, lastRequestAt: due - 5_000 })).toBe(due)
    expect(refreshDueAt({ ...base, lastRequestAt: due - 4_999 })).toBe(due + 1)
    expect(refreshDueAt({ ...base, lastRequestAt: undefined })).toBe(due)
  })

  it('without a last request, nothing holds the due time back, even near epoch 0', () => {
    expect(refreshDueAt({ receivedAt: 0, expiresAt: 6_000, leewayMs: 60_000 })).toBe(3_000)
  })

  it('an expired grant is due at once (a time already past)', () => {
    expect(refreshDueAt({ receivedAt: T0, expiresAt: T0 - 10_000, leewayMs: 60_000 })).toBe(
      T0 - 5_000,
    )
  })
})

describe('backoffMs', () => {
  it('doubles from 5 s per failure', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((failures) => backoffMs(failures))).toEqual([
      5_000, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000,
    ])
  })

  it('is capped at 5 min', () => {
    expect(backoffMs(7)).toBe(300_000)
    expect(backoffMs(8)).toBe(300_000)
    expect(backoffMs(50)).toBe(300_000)
    expect(backoffMs(2_000)).toBe(300_000)
  })

  it('negative failures count as none', () => {
    expect(backoffMs(-3)).toBe(5_000)
  })

  it('is capped at half of what is left of the old token', () => {
    expect(backoffMs(5, 60_000)).toBe(30_000)
    expect(backoffMs(5, 160_000)).toBe(80_000)
    expect(backoffMs(5, 159_998)).toBe(79_999)
    expect(backoffMs(4, 200_000)).toBe(40_000)
    expect(backoffMs(20, 400_000)).toBe(200_000)
    expect(backoffMs(20, 700_000)).toBe(300_000)
  })

  it('is never under 5 s, even with little or nothing left', () => {
    expect(backoffMs(3, 10_000)).toBe(5_000)
    expect(backoffMs(3, 9_000)).toBe(5_000)
    expect(backoffMs(3, 0)).toBe(5_000)
    expect(backoffMs(3, -60_000)).toBe(5_000)
    expect(backoffMs(3, 10_002)).toBe(5_001)
  })

  it('without remainingMs is not capped by it', () => {
    expect(backoffMs(3)).toBe(backoffMs(3, Number.POSITIVE_INFINITY))
    expect(backoffMs(3)).toBe(20_000)
  })
})
