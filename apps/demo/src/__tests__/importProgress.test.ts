import { describe, expect, it } from 'vitest'
import type { ImportJob } from '../api.js'
import { importProgress } from '../components/importProgress.js'

const job = (patch: Partial<ImportJob>): ImportJob => ({
  id: 'j',
  status: 'running',
  done: 0,
  total: 100,
  ...patch,
})

describe('importProgress', () => {
  it('measures rate and ETA from the page’s own samples (today’s backend sends neither)', () => {
    const p = importProgress(job({ done: 30 }), [
      { at: 0, done: 10 },
      { at: 2000, done: 30 },
    ])
    expect(p).toEqual({ fraction: 0.3, rate: 10, etaSeconds: 7, source: 'page' })
  })

  it('prefers the backend’s numbers when it sends them', () => {
    const p = importProgress(job({ done: 50, ratePerSecond: 5, etaSeconds: 12 }), [])
    expect(p).toMatchObject({ rate: 5, etaSeconds: 12, source: 'server' })
    expect(importProgress(job({ done: 50, rate: 25 }), [])).toMatchObject({ etaSeconds: 2 })
  })

  it('ignores nonsense from the backend and unknowns stay unknown', () => {
    const p = importProgress(job({ done: 0, ratePerSecond: Number.NaN, eta: -3 }), [
      { at: 0, done: 0 },
    ])
    expect(p).toEqual({ fraction: 0, rate: undefined, etaSeconds: undefined, source: 'page' })
  })

  it('an empty import is complete, not divided by zero', () => {
    expect(importProgress(job({ status: 'done', total: 0 }), []).fraction).toBe(1)
  })
})
