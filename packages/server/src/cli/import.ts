import type { CometChatClient } from '../client/createCometChatClient.js'
import { isCometChatError } from '../errors.js'
import { assertNewUser } from '../validation.js'
import type { ImportRow, ImportWarning } from './readUsers.js'

export { ImportFileError, type ImportFileErrorCode } from './importFileError.js'
export {
  type ImportRow,
  type ImportWarning,
  parseUsersFile,
  type ReadUsersOptions,
  readUsers,
} from './readUsers.js'

/** What happened to one row. */
export type ImportOutcome =
  | 'created'
  | 'existed'
  | 'deactivated'
  | 'invalid'
  | 'failed'
  /** Settled by an earlier run (see `skip`): validated, not sent again. */
  | 'resumed'
  /** A dry run found the row valid. */
  | 'valid'

/** One row's result, as `onResult` receives it. */
export interface ImportResult {
  /** 0-based position of the row in the input (what a checkpoint counts). */
  ordinal: number
  line: number
  uid: string
  outcome: ImportOutcome
  code?: string | undefined
  message?: string | undefined
}

/** Throughput, for a progress display. */
export interface ImportRate {
  /** Rows per second settled by CometChat calls so far (0 until the first one). */
  perSecond: number
  /** Seconds left at that rate, once the total is known. */
  etaSeconds: number | undefined
}

/** Options of `importUsers`. */
export interface ImportOptions {
  cometchat: CometChatClient
  /** The rows: an array, or a stream such as `readUsers(createReadStream(file), 'csv')`. */
  rows: Iterable<ImportRow> | AsyncIterable<ImportRow>
  /** The number of rows when known ahead (streams): progress then has a total and an ETA. */
  total?: number | undefined
  dryRun?: boolean | undefined
  /** Requests in flight at once (default 4). */
  concurrency?: number | undefined
  /** Client-side cap in creates per minute (default 600; CometChat's data-import plan allows 60). */
  ratePerMinute?: number | undefined
  /** A limiter shared with other imports (see `createImportRateLimiter`); overrides `ratePerMinute`. */
  rateLimiter?: () => Promise<void>
  /** Rows settled by an earlier run: validated (so duplicates are still caught), never sent. */
  skip?: (ordinal: number) => boolean
  /** Stops taking new rows; the rows in flight finish and the summary says `aborted`. */
  signal?: AbortSignal | undefined
  /** How many rows each of `invalid`, `failed` and `deactivated` keeps (default 10,000); `counts` has all. */
  reportLimit?: number | undefined
  onProgress?: (done: number, total: number, rate: ImportRate) => void
  /** Every row's result as it settles (a checkpoint or a streaming report listens here). */
  onResult?: (result: ImportResult) => void
  /** The clock for `rate` (tests). */
  now?: () => number
}

/** A row the summary reports by line. */
export interface ImportRowReport {
  line: number
  uid?: string | undefined
  code: string
  message: string
}

/** What an import did. */
export interface ImportSummary {
  total: number
  created: number
  /** Already in CometChat and active: nothing to do. */
  skipped: number
  /** Settled by an earlier run (`skip`). */
  resumed: number
  /** Already in CometChat but deactivated (soft-deleted): not imported, reactivate or delete them. */
  deactivated: ImportRowReport[]
  invalid: ImportRowReport[]
  failed: ImportRowReport[]
  /** Full counts (the lists stop at `reportLimit`). */
  counts: { deactivated: number; invalid: number; failed: number }
  warnings: ImportWarning[]
  /** The signal stopped the run before the end of the input. */
  aborted: boolean
}

/**
 * Creates every valid row that does not exist yet, reading the rows as it goes (a stream of a
 * million rows needs the memory of `concurrency` rows plus one short string per distinct uid, for
 * the duplicate check). Re-runnable: an existing uid (ERR_UID_ALREADY_EXISTS) is counted as
 * `skipped`, or reported as `deactivated` when CometChat lists it no more (a soft-deleted user).
 */
export async function importUsers(options: ImportOptions): Promise<ImportSummary> {
  const { cometchat } = options
  const known = Array.isArray(options.rows) ? options.rows.length : options.total
  const summary: ImportSummary = {
    total: 0,
    created: 0,
    skipped: 0,
    resumed: 0,
    deactivated: [],
    invalid: [],
    failed: [],
    counts: { deactivated: 0, invalid: 0, failed: 0 },
    warnings: [],
    aborted: false,
  }
  const reportLimit = options.reportLimit ?? 10_000
  const report = (list: 'deactivated' | 'invalid' | 'failed', entry: ImportRowReport) => {
    summary.counts[list]++
    if (summary[list].length < reportLimit) summary[list].push(entry)
  }
  const now = options.now ?? Date.now
  const startedAt = now()
  let sent = 0
  let done = 0
  let finished = false
  const progress = () => {
    const total = Math.max(known ?? summary.total, done)
    const seconds = (now() - startedAt) / 1000
    const perSecond = seconds > 0 ? sent / seconds : 0
    const finalTotal = known !== undefined || finished
    const etaSeconds =
      finalTotal && perSecond > 0 ? Math.max(0, (total - done) / perSecond) : undefined
    options.onProgress?.(done, total, { perSecond, etaSeconds })
  }
  const settle = (result: ImportResult) => {
    done++
    options.onResult?.(result)
    progress()
  }

  const seen = new Set<string>()
  const limit = options.rateLimiter ?? createImportRateLimiter(options.ratePerMinute ?? 600)
  const source = toAsyncIterator(options.rows)
  let readError: unknown
  let ordinal = 0

  /** The next row to send; validation and resumed rows are settled here, in input order. */
  async function nextToSend(): Promise<{ row: ImportRow; ordinal: number } | undefined> {
    while (!finished && readError === undefined) {
      if (options.signal?.aborted) {
        summary.aborted = true
        return undefined
      }
      let step: IteratorResult<ImportRow>
      try {
        step = await source.next()
      } catch (error) {
        readError ??= error
        return undefined
      }
      if (step.done) {
        finished = true
        return undefined
      }
      const row = step.value
      const at = ordinal++
      summary.total++
      const uid = typeof row.user?.uid === 'string' ? row.user.uid : ''
      try {
        assertNewUser(row.user)
        const key = uid.toLowerCase()
        if (seen.has(key))
          throw Object.assign(new Error(`duplicate uid ${uid} in the file`), {
            code: 'DUPLICATE_UID',
          })
        seen.add(key)
      } catch (error) {
        const { code = 'INVALID_INPUT', message } = error as { code?: string; message: string }
        report('invalid', { line: row.line, ...(uid ? { uid } : {}), code, message })
        settle({ ordinal: at, line: row.line, uid, outcome: 'invalid', code, message })
        continue
      }
      if (options.skip?.(at)) {
        summary.resumed++
        settle({ ordinal: at, line: row.line, uid, outcome: 'resumed' })
        continue
      }
      if (options.dryRun) {
        settle({ ordinal: at, line: row.line, uid, outcome: 'valid' })
        continue
      }
      return { row, ordinal: at }
    }
    return undefined
  }

  async function send({ row, ordinal: at }: { row: ImportRow; ordinal: number }) {
    const uid = row.user.uid
    await limit()
    try {
      await cometchat.users.create(row.user)
      summary.created++
      settle({ ordinal: at, line: row.line, uid, outcome: 'created' })
    } catch (error) {
      if (isCometChatError(error, 'ERR_UID_ALREADY_EXISTS')) {
        if (await isDeactivated(uid)) {
          const message = `${uid} exists but is deactivated (soft-deleted): reactivate it, or delete it permanently to import it anew`
          report('deactivated', { line: row.line, uid, code: 'USER_DEACTIVATED', message })
          settle({
            ordinal: at,
            line: row.line,
            uid,
            outcome: 'deactivated',
            code: 'USER_DEACTIVATED',
            message,
          })
        } else {
          summary.skipped++
          settle({ ordinal: at, line: row.line, uid, outcome: 'existed' })
        }
        return
      }
      const { code = 'UNKNOWN', message } = error as { code?: string; message: string }
      report('failed', { line: row.line, uid, code, message })
      settle({ ordinal: at, line: row.line, uid, outcome: 'failed', code, message })
    }
  }

  /**
   * CometChat answers ERR_UID_ALREADY_EXISTS for a deactivated uid too, and leaves deactivated users
   * out of its list unless `withDeactivated` is asked (COMETCHAT.md): an existing uid the list does
   * not show is a deactivated one. A failed look-up reports the row as existing (the safe side).
   */
  async function isDeactivated(uid: string): Promise<boolean> {
    const key = uid.toLowerCase()
    try {
      await limit()
      for await (const user of cometchat.users.all({ searchKey: key, perPage: 100 }))
        if (user.uid.toLowerCase() === key) return false
      return true
    } catch {
      return false
    }
  }

  async function worker(): Promise<void> {
    for (let item = await nextToSend(); item; item = await nextToSend()) {
      sent++
      await send(item)
    }
  }

  progress()
  const concurrency = Math.max(1, options.concurrency ?? 4)
  await Promise.all(Array.from({ length: concurrency }, worker))
  await source.return?.()
  if (readError !== undefined) throw readError
  if (summary.total === 0)
    summary.warnings.push({ code: 'EMPTY_INPUT', message: 'the file holds no users' })
  summary.failed.sort((a, b) => a.line - b.line)
  progress()
  return summary
}

/**
 * Spaces calls evenly so at most `perMinute` start in any minute (a 15-line limiter beats a
 * dependency here). Share one between imports to cap them together; 0 or Infinity means no cap.
 */
export function createImportRateLimiter(perMinute: number): () => Promise<void> {
  if (!Number.isFinite(perMinute) || perMinute <= 0) return async () => {}
  const interval = 60_000 / perMinute
  let nextAt = 0
  return () => {
    const now = Date.now()
    const at = Math.max(now, nextAt)
    nextAt = at + interval
    const wait = at - now
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait))
  }
}

function toAsyncIterator<T>(rows: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in rows) return rows[Symbol.asyncIterator]()
  const it = rows[Symbol.iterator]()
  return {
    next: async () => it.next(),
    return: async () => it.return?.() ?? { done: true, value: undefined },
  }
}
