import { randomUUID } from 'node:crypto'
import {
  type CometChatClient,
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
  summary?: ImportSummary
  error?: string
}

/** Runs imports in the background and keeps their progress for the page to poll. */
export function createImportJobs(cometchat: CometChatClient) {
  const jobs = new Map<string, ImportJob>()
  return {
    get: (id: string) => jobs.get(id),
    /** Parses `text` (CSV or JSON) and starts the import; throws on a file that does not parse. */
    start(text: string, format: 'csv' | 'json', dryRun: boolean): ImportJob {
      const rows = parseUsersFile(text, format)
      const job: ImportJob = { id: randomUUID(), status: 'running', done: 0, total: rows.length }
      jobs.set(job.id, job)
      importUsers({
        cometchat,
        rows,
        dryRun,
        onProgress(done, total) {
          job.done = done
          job.total = total
        },
      }).then(
        (summary) => {
          job.summary = summary
          job.status = 'done'
        },
        (error: unknown) => {
          job.status = 'failed'
          job.error = error instanceof Error ? error.message : 'import failed'
        },
      )
      return job
    },
  }
}
