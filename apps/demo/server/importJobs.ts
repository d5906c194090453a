import { randomUUID } from 'node:crypto'
import {
  type CometChatClient,
  createImportRateLimiter,
  type ImportSummary,
  importUsers,
  parseUsersFile,
} from '@callsession/server'

/** One batch import the admin page started, with its progress. */
export interface ImportJob {
  id: string
  status: 'running' | 'done' | 'failed'
  done: number
  total: number
  /** Rows per second so far (0 until the first CometChat answer). */
  ratePerSecond: number
  /** Seconds left at that rate; null until there is a rate. */
  etaSeconds: number | null
  /** Epoch ms. */
  startedAt: number
  finishedAt: number | null
  /** What is odd but did not stop the import (an empty file, ignored columns). */
  warnings: { code: string; message: string }[]
  summary?: ImportSummary
  error?: string
}

/** Options of `createImportJobs`. */
export interface ImportJobsOptions {
  cometchat: CometChatClient
  /**
   * Creates per minute for all imports together: one limiter, however many admins import
   * (default 600; CometChat's data-import plan allows 60).
   */
  ratePerMinute?: number
  /** A finished job is forgotten this long after it ended (default 15 minutes). */
  keepFinishedMs?: number
  now?: () => number
}

/** Why a job could not start. */
export class ImportBusyError extends Error {
  readonly code = 'IMPORT_BUSY'
}

/**
 * Runs imports in the background and keeps their progress for the page to poll. One import runs
 * at a time (a second admin waits), all under one rate limit, and finished jobs expire.
 */
export function createImportJobs(options: ImportJobsOptions) {
  const { cometchat } = options
  const now = options.now ?? Date.now
  const keepFinishedMs = options.keepFinishedMs ?? 15 * 60 * 1000
  const jobs = new Map<string, ImportJob>()
  const rateLimiter = createImportRateLimiter(options.ratePerMinute ?? 600)
  let running: ImportJob | undefined

  const sweep = () => {
    const at = now()
    for (const [id, job] of jobs)
      if (job.finishedAt !== null && at - job.finishedAt >= keepFinishedMs) jobs.delete(id)
  }

  return {
    get(id: string): ImportJob | undefined {
      sweep()
      return jobs.get(id)
    },
    /**
     * Parses `text` (CSV or JSON) and starts the import. Throws the parser's `ImportFileError` on
     * a file it cannot read, and `ImportBusyError` while another import runs.
     */
    start(text: string, format: 'csv' | 'json', dryRun: boolean): ImportJob {
      sweep()
      if (running) throw new ImportBusyError('another import is running; try again when it ends')
      const warnings: ImportJob['warnings'] = []
      const rows = parseUsersFile(text, format, { onWarning: (w) => warnings.push(w) })
      const job: ImportJob = {
        id: randomUUID(),
        status: 'running',
        done: 0,
        total: rows.length,
        ratePerSecond: 0,
        etaSeconds: null,
        startedAt: now(),
        finishedAt: null,
        warnings,
      }
      jobs.set(job.id, job)
      running = job
      importUsers({
        cometchat,
        rows,
        dryRun,
        rateLimiter,
        now,
        onProgress(done, total, rate) {
          job.done = done
          job.total = total
          job.ratePerSecond = Math.round(rate.perSecond * 10) / 10
          job.etaSeconds = rate.etaSeconds === undefined ? null : Math.ceil(rate.etaSeconds)
        },
      })
        .then(
          (summary) => {
            job.summary = summary
            job.warnings.push(...summary.warnings)
            job.status = 'done'
          },
          (error: unknown) => {
            job.status = 'failed'
            job.error = error instanceof Error ? error.message : 'import failed'
          },
        )
        .finally(() => {
          job.finishedAt = now()
          running = undefined
        })
      return job
    },
  }
}
