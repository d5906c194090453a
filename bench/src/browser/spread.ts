/** Median and range of a set of samples (the figure a table row reports). */
export interface Spread {
  median: number
  min: number
  max: number
  count: number
}

export function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    count: sorted.length,
  }
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`

/** `1,234 ms` (the median). */
export const medianMs = (value: Spread | undefined) => (value ? ms(value.median) : '—')

/** `1,200–1,300 ms over 5 runs`. */
export const rangeMs = (value: Spread | undefined) =>
  value
    ? `${Math.round(value.min).toLocaleString('en-US')}–${ms(value.max)} over ${value.count} runs`
    : 'not measured'
