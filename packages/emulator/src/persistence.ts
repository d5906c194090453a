import { open, readdir, readFile, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Snapshot } from './types.js'

/** A data file that cannot be used: unreadable JSON, not an emulator snapshot, or locked. */
export class DataFileError extends Error {
  override name = 'DataFileError'
}

/**
 * Reads a data file written by `createWriter`; undefined when there is none yet. A file that is
 * not JSON or not an emulator snapshot is refused with a message naming the file and the problem,
 * and is never overwritten.
 */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new DataFileError(
      `callsession-emulator: the data file ${file} is not valid JSON (${(error as Error).message}). Fix it or move it away; the emulator does not overwrite it.`,
    )
  }
  const problem = snapshotProblem(value)
  if (problem) {
    throw new DataFileError(
      `callsession-emulator: the data file ${file} is not an emulator data file: ${problem}. Fix it or move it away; the emulator does not overwrite it.`,
    )
  }
  return value as Snapshot
}

/** What is wrong with `value` as a `Snapshot` (the fields the emulator relies on), if anything. */
export function snapshotProblem(value: unknown): string | undefined {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isRecord(value)) return 'the top level must be an object'
  if (!Array.isArray(value.users)) return 'users must be an array'
  if (!Array.isArray(value.tokens)) return 'tokens must be an array'
  if (value.tokenTtlSeconds !== null && typeof value.tokenTtlSeconds !== 'number')
    return 'tokenTtlSeconds must be a number or null'
  for (const [i, user] of value.users.entries()) {
    if (!isRecord(user)) return `users[${i}] must be an object`
    for (const key of ['uid', 'name', 'role'] as const)
      if (typeof user[key] !== 'string') return `users[${i}].${key} must be a string`
    if (typeof user.createdAt !== 'number') return `users[${i}].createdAt must be a number`
  }
  for (const [i, token] of value.tokens.entries()) {
    if (!isRecord(token)) return `tokens[${i}] must be an object`
    for (const key of ['uid', 'authToken'] as const)
      if (typeof token[key] !== 'string') return `tokens[${i}].${key} must be a string`
    if (typeof token.createdAt !== 'number') return `tokens[${i}].createdAt must be a number`
  }
  return undefined
}

/**
 * Takes `${file}.lock` (O_EXCL, holding our pid) so two emulators never write one data file.
 * A lock whose pid is gone (a crashed emulator) is taken over. Resolves with its release.
 */
export async function lockDataFile(file: string): Promise<() => Promise<void>> {
  const lock = `${file}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => unlink(lock).catch(() => {})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number(await readFile(lock, 'utf8').catch(() => ''))
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new DataFileError(
          `callsession-emulator: the data file ${file} is in use by another emulator (pid ${pid}; lock ${lock}). Stop it, or use another --data-file.`,
        )
      }
      await unlink(lock).catch(() => {})
    }
  }
  throw new DataFileError(`callsession-emulator: could not lock ${lock}.`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Deletes temp files a crashed writer left next to `file` (we hold the lock: none is live). */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const dir = dirname(file)
  const prefix = `${basename(file)}.`
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(prefix) && name.endsWith('.tmp'))
      await unlink(join(dir, name)).catch(() => {})
  }
}

/**
 * Persists snapshots atomically: write a temp file, fsync it, rename it over the data file. A
 * crash at any moment leaves either the old file or the new one, never a torn one. Writes are
 * serialized and coalesced; `flush()` resolves when everything asked for so far is on disk.
 * A failed write removes its temp file and calls `undo` with the last snapshot that was written,
 * so memory never holds a change the file does not (`rollbacks` counts them).
 */
export function createWriter(
  file: string,
  snapshot: () => Snapshot,
  { saved, undo }: { saved: Snapshot | undefined; undo: (saved: Snapshot) => void },
) {
  let chain: Promise<void> = Promise.resolve()
  let dirty = false
  let lastWritten = saved ? JSON.stringify(saved) : undefined
  let rollbacks = 0
  const writeOnce = async () => {
    if (!dirty) return
    dirty = false
    const text = JSON.stringify(snapshot())
    const tmp = `${file}.${process.pid}.tmp`
    try {
      const handle = await open(tmp, 'w')
      try {
        await handle.writeFile(text)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(tmp, file)
      lastWritten = text
    } catch (error) {
      await unlink(tmp).catch(() => {})
      rollbacks++
      if (lastWritten !== undefined) undo(JSON.parse(lastWritten) as Snapshot)
      throw error
    }
  }
  return {
    /** Schedules a write of the current state. */
    schedule(): Promise<void> {
      dirty = true
      chain = chain.then(writeOnce, writeOnce)
      return chain
    },
    flush: () => chain,
    rollbacks: () => rollbacks,
  }
}
