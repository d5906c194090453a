import { parse } from 'csv-parse/sync'
import type { CometChatClient } from '../client/createCometChatClient.js'
import { isCometChatError } from '../errors.js'
import type { NewUser } from '../types.js'
import { assertNewUser } from '../validation.js'

/** One input row with the line (CSV) or 1-based item index (JSON) it came from. */
export interface ImportRow {
  line: number
  user: NewUser
}

/** Options of `importUsers`. */
export interface ImportOptions {
  cometchat: CometChatClient
  rows: ImportRow[]
  dryRun?: boolean
  /** Requests in flight at once (default 4). */
  concurrency?: number
  /** Client-side cap in creates per minute (default 600; CometChat's data-import plan allows 60). */
  ratePerMinute?: number
  onProgress?: (done: number, total: number) => void
}

/** What an import did. */
export interface ImportSummary {
  total: number
  created: number
  skipped: number
  invalid: { line: number; code: string; message: string }[]
  failed: { line: number; uid: string; code: string; message: string }[]
}

/** Parses a CSV (header row: uid,name,avatar,…) or JSON array of users into rows with line numbers. */
export function parseUsersFile(text: string, format: 'csv' | 'json'): ImportRow[] {
  if (format === 'json') {
    const value: unknown = JSON.parse(text)
    if (!Array.isArray(value)) throw new Error('a JSON import file must hold an array of users')
    return value.map((user, i) => ({ line: i + 1, user: user as NewUser }))
  }
  const records = parse(text, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: true,
  }) as {
    record: Record<string, string>
    info: { lines: number }
  }[]
  return records.map(({ record, info }) => {
    const user: NewUser = { uid: record.uid ?? '', name: record.name ?? '' }
    if (record.avatar) user.avatar = record.avatar
    if (record.link) user.link = record.link
    if (record.role) user.role = record.role
    if (record.tags)
      user.tags = record.tags
        .split(/[|;]/)
        .map((t) => t.trim())
        .filter(Boolean)
    if (record.metadata) {
      try {
        user.metadata = JSON.parse(record.metadata)
      } catch {
        user.metadata = 'not json' as unknown as Record<string, unknown>
      }
    }
    return { line: info.lines, user }
  })
}

/**
 * Creates every valid row that does not exist yet. Re-runnable: an existing uid
 * (ERR_UID_ALREADY_EXISTS) is counted as skipped, so an interrupted run can simply be started again.
 */
export async function importUsers(options: ImportOptions): Promise<ImportSummary> {
  const { cometchat, rows } = options
  const summary: ImportSummary = {
    total: rows.length,
    created: 0,
    skipped: 0,
    invalid: [],
    failed: [],
  }
  const valid: ImportRow[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    try {
      assertNewUser(row.user)
      const key = row.user.uid.toLowerCase()
      if (seen.has(key))
        throw Object.assign(new Error(`duplicate uid ${row.user.uid} in the file`), {
          code: 'DUPLICATE_UID',
        })
      seen.add(key)
      valid.push(row)
    } catch (error) {
      const { code, message } = error as { code?: string; message: string }
      summary.invalid.push({ line: row.line, code: code ?? 'INVALID_INPUT', message })
    }
  }
  let done = summary.invalid.length
  options.onProgress?.(done, rows.length)
  if (options.dryRun) {
    options.onProgress?.(rows.length, rows.length)
    return summary
  }
  const limit = createRateLimiter(options.ratePerMinute ?? 600)
  const concurrency = Math.max(1, options.concurrency ?? 4)
  let next = 0
  async function worker(): Promise<void> {
    while (next < valid.length) {
      const row = valid[next++]
      if (!row) break
      await limit()
      try {
        await cometchat.users.create(row.user)
        summary.created += 1
      } catch (error) {
        if (isCometChatError(error, 'ERR_UID_ALREADY_EXISTS')) summary.skipped += 1
        else {
          const { code, message } = error as { code?: string; message: string }
          summary.failed.push({
            line: row.line,
            uid: row.user.uid,
            code: code ?? 'UNKNOWN',
            message,
          })
        }
      }
      done += 1
      options.onProgress?.(done, rows.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, valid.length) }, worker))
  summary.failed.sort((a, b) => a.line - b.line)
  return summary
}

/** Spaces calls evenly so at most `perMinute` start in any minute (a 15-line limiter beats a dependency here). */
function createRateLimiter(perMinute: number): () => Promise<void> {
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
