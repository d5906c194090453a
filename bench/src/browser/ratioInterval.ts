import { spread } from './spread.js'

/** A ratio of two medians, with how far resampling the runs moves it. */
export interface RatioInterval {
  /** median(top) / median(bottom), from the samples as measured. */
  ratio: number
  /** 2.5th and 97.5th percentiles of the same ratio over bootstrap resamples. */
  low: number
  high: number
}

/** mulberry32: a small seeded generator, so that one run's interval can be computed again. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const medianOf = (values: readonly number[]) => spread(values)?.median ?? Number.NaN

function resample(values: readonly number[], random: () => number): number[] {
  return values.map(() => values[Math.floor(random() * values.length)] as number)
}

/**
 * The ratio of two pages' medians and its 95 % percentile-bootstrap interval: each page's runs are
 * drawn again with replacement, independently, `rounds` times. It says how much the ratio a check
 * compares with its bar depends on which runs happened to be slow; it assumes nothing about the
 * shape of the timings. Deterministic for a given `seed`.
 */
export function ratioInterval(
  top: readonly number[],
  bottom: readonly number[],
  { rounds = 2_000, seed = 1 }: { rounds?: number; seed?: number } = {},
): RatioInterval | undefined {
  if (top.length === 0 || bottom.length === 0) return undefined
  const random = seededRandom(seed)
  const ratios: number[] = []
  for (let round = 0; round < rounds; round++) {
    ratios.push(medianOf(resample(top, random)) / medianOf(resample(bottom, random)))
  }
  ratios.sort((a, b) => a - b)
  const at = (quantile: number) =>
    ratios[Math.min(ratios.length - 1, Math.floor(quantile * ratios.length))] as number
  return { ratio: medianOf(top) / medianOf(bottom), low: at(0.025), high: at(0.975) }
}
