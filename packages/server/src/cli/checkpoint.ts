import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import type { ImportResult } from './import.js'

/** The file an import rerun resumes from. */
export interface CheckpointData {
  version: 1
  /** The input it belongs to: a changed file cannot be resumed. */
  input: { size: number; mtimeMs: number; format: 'csv' | 'json' }
  /** Every row before this 0-based position has settled (created, existed, deactivated or invalid). */
  settledBefore: number
  /** Rows CometChat refused or never answered: a rerun sends them again. */
  failed: { ordinal: number; line: number; uid: string; code: string; message: string }[]
  counts: Record<'created' | 'existed' | 'deactivated' | 'invalid' | 'failed', number>
  updatedAt: string
}

/** A checkpoint that does not belong to the file given (or is not a checkpoint at all). */
export class CheckpointMismatchError extends Error {
  readonly code = 'CHECKPOINT_MISMATCH'
}

/**
 * Tracks which rows settled, as a watermark (rows settle nearly in order: only `concurrency` are
 * ever beyond it) plus the failed rows, and writes it atomically (temp file, then rename) so a
 * crash leaves either the old or the new checkpoint, never half of one.
 */
export class Checkpoint {
  private settledBefore: number
  private readonly ahead = new Set<number>()
  private readonly retry: Set<number>
  private readonly failed = new Map<number, CheckpointData['failed'][number]>()
  private readonly counts: CheckpointData['counts']
  private writing: Promise<void> = Promise.resolve()
  private sinceSave = 0

  constructor(
    readonly path: string,
    private readonly input: CheckpointData['input'],
    previous?: CheckpointData | undefined,
    private readonly saveEvery = 200,
  ) {
    this.settledBefore = previous?.settledBefore ?? 0
    this.retry = new Set(previous?.failed.map((f) => f.ordinal))
    for (const f of previous?.failed ?? []) this.failed.set(f.ordinal, f)
    this.counts = previous
      ? { ...previous.counts, failed: 0 }
      : { created: 0, existed: 0, deactivated: 0, invalid: 0, failed: 0 }
    if (previous) this.counts.invalid = 0
  }

  /** Reads the checkpoint at `path` for `input`; undefined when there is none. */
  static async load(
    path: string,
    input: CheckpointData['input'],
  ): Promise<CheckpointData | undefined> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined
      throw error
    }
    let data: CheckpointData
    try {
      data = JSON.parse(text) as CheckpointData
    } catch {
      throw new CheckpointMismatchError(`${path} is not a checkpoint (not JSON)`)
    }
    if (
      data?.version !== 1 ||
      typeof data.settledBefore !== 'number' ||
      !Array.isArray(data.failed) ||
      typeof data.counts !== 'object'
    )
      throw new CheckpointMismatchError(`${path} is not a checkpoint of this tool`)
    if (
      data.input?.size !== input.size ||
      data.input.mtimeMs !== input.mtimeMs ||
      data.input.format !== input.format
    )
      throw new CheckpointMismatchError(
        `the file changed since ${path} was written: pass --restart to import it from the start`,
      )
    return data
  }

  /** Rows an earlier run settled (invalid rows are checked again: they cost no request). */
  readonly skip = (ordinal: number): boolean =>
    ordinal < this.settledBefore && !this.retry.has(ordinal)

  /** Records one row's result; saves every `saveEvery` rows. */
  record(result: ImportResult): void {
    if (result.outcome === 'failed') {
      this.failed.set(result.ordinal, {
        ordinal: result.ordinal,
        line: result.line,
        uid: result.uid,
        code: result.code ?? 'UNKNOWN',
        message: result.message ?? '',
      })
    } else {
      this.failed.delete(result.ordinal)
      if (result.outcome === 'created' || result.outcome === 'existed')
        this.counts[result.outcome]++
      else if (result.outcome === 'deactivated' || result.outcome === 'invalid')
        this.counts[result.outcome]++
    }
    if (result.ordinal >= this.settledBefore) {
      this.ahead.add(result.ordinal)
      while (this.ahead.delete(this.settledBefore)) this.settledBefore++
    }
    // A failed periodic write is retried by the next one; the final save reports its error.
    if (++this.sinceSave >= this.saveEvery) this.save().catch(() => {})
  }

  /** The state as written. */
  snapshot(): CheckpointData {
    const failed = [...this.failed.values()].sort((a, b) => a.ordinal - b.ordinal)
    return {
      version: 1,
      input: this.input,
      settledBefore: this.settledBefore,
      failed,
      counts: { ...this.counts, failed: failed.length },
      updatedAt: new Date().toISOString(),
    }
  }

  /** True when nothing is left to retry. */
  get clean(): boolean {
    return this.failed.size === 0
  }

  /** Writes the checkpoint (writes are serialised; the last one wins). */
  save(): Promise<void> {
    this.sinceSave = 0
    const data = `${JSON.stringify(this.snapshot())}\n`
    this.writing = this.writing
      .catch(() => {})
      .then(async () => {
        const temp = `${this.path}.${randomBytes(4).toString('hex')}.tmp`
        try {
          await writeFile(temp, data, { mode: 0o600 })
          await rename(temp, this.path)
        } catch (error) {
          await rm(temp, { force: true })
          throw error
        }
      })
    return this.writing
  }

  /** Deletes the checkpoint (after a run with nothing left to retry). */
  async remove(): Promise<void> {
    await this.writing.catch(() => {})
    await rm(this.path, { force: true })
  }
}
