import type { ImportJob } from '../api.js'

/** A progress reading the page took: when, and how many rows were done. */
export interface ProgressSample {
  at: number
  done: number
}

export interface ImportProgress {
  /** 0…1. */
  fraction: number
  /** Rows per second, or undefined before there is anything to measure. */
  rate: number | undefined
  /** Seconds left, or undefined when unknown. */
  etaSeconds: number | undefined
  /** Whether the numbers came from the backend (`server`) or from the page's own samples. */
  source: 'server' | 'page'
}

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined

/**
 * Rate and ETA of an import: the backend's numbers when it sends them, else measured from the
 * first and latest samples the page took while polling.
 */
export function importProgress(job: ImportJob, samples: ProgressSample[]): ImportProgress {
  const total = Math.max(0, job.total)
  const fraction = total === 0 ? (job.status === 'running' ? 0 : 1) : Math.min(1, job.done / total)
  const serverRate = finite(job.ratePerSecond) ?? finite(job.rate)
  const serverEta = finite(job.etaSeconds) ?? finite(job.eta)
  if (serverRate !== undefined || serverEta !== undefined) {
    const etaSeconds =
      serverEta ?? (serverRate ? Math.max(0, total - job.done) / serverRate : undefined)
    return { fraction, rate: serverRate, etaSeconds, source: 'server' }
  }
  const first = samples[0]
  const last = samples.at(-1)
  const seconds = first && last ? (last.at - first.at) / 1000 : 0
  const rate = first && last && seconds > 0 ? (last.done - first.done) / seconds : undefined
  const left = Math.max(0, total - job.done)
  const etaSeconds = job.status !== 'running' ? 0 : rate && rate > 0 ? left / rate : undefined
  return { fraction, rate, etaSeconds, source: 'page' }
}
