import { describe, expect, it } from 'vitest'
import { ratioInterval } from '../browser/ratioInterval.js'

describe('ratioInterval: the ratio of two medians and its bootstrap interval', () => {
  it('gives the ratio of the medians as measured, inside its interval', () => {
    const interval = ratioInterval([110, 100, 130, 120, 105], [100, 90, 110, 95, 105])
    expect(interval?.ratio).toBeCloseTo(110 / 100)
    expect(interval?.low).toBeLessThanOrEqual(110 / 100)
    expect(interval?.high).toBeGreaterThanOrEqual(110 / 100)
  })

  it('reaches the 2.5th and 97.5th percentiles of the resampled ratios', () => {
    // Two runs of 100 and 200 ms resample to medians of 100 (1 in 4), 150 (2 in 4) or 200 (1 in 4).
    expect(ratioInterval([100, 200], [100])).toEqual({ ratio: 1.5, low: 1, high: 2 })
  })

  it('has no width when every run took the same time', () => {
    expect(ratioInterval([300, 300, 300], [150, 150])).toEqual({ ratio: 2, low: 2, high: 2 })
  })

  it('widens with the spread of the runs, and narrows with more of them', () => {
    const width = (interval: ReturnType<typeof ratioInterval>) =>
      (interval?.high ?? Number.NaN) - (interval?.low ?? Number.NaN)
    const steady = ratioInterval([100, 101, 99, 100, 102], [50, 51, 49, 50, 50])
    const noisy = ratioInterval([60, 140, 100, 80, 130], [30, 70, 50, 45, 60])
    expect(width(noisy)).toBeGreaterThan(5 * width(steady))
    const five = [60, 140, 100, 80, 130]
    const twentyFive = [...five, ...five, ...five, ...five, ...five]
    expect(width(ratioInterval(twentyFive, [50]))).toBeLessThan(width(ratioInterval(five, [50])))
  })

  it('is the same for the same seed, and can differ for another', () => {
    const top = [60, 140, 100, 80, 130, 95, 70]
    const bottom = [30, 70, 50, 45, 60, 40]
    expect(ratioInterval(top, bottom, { seed: 7 })).toEqual(ratioInterval(top, bottom, { seed: 7 }))
    const seeds = [1, 2, 3, 4, 5].map((seed) => ratioInterval(top, bottom, { seed })?.low)
    expect(new Set(seeds).size).toBeGreaterThan(1)
  })

  it('has no interval without samples on both sides', () => {
    expect(ratioInterval([], [1])).toBeUndefined()
    expect(ratioInterval([1], [])).toBeUndefined()
  })
})
