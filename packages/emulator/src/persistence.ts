import { open, readFile, rename } from 'node:fs/promises'
import type { Snapshot } from './types.js'

/** Reads a data file written by `createWriter`; undefined when there is none yet. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return JSON.parse(text) as Snapshot
}

/**
 * Persists snapshots atomically: write a temp file, fsync it, rename it over the data file. A
 * crash at any moment leaves either the old file or the new one, never a torn one. Writes are
 * serialized and coalesced; `flush()` resolves when everything asked for so far is on disk.
 */
export function createWriter(file: string, snapshot: () => Snapshot) {
  let chain: Promise<void> = Promise.resolve()
  let dirty = false
  const writeOnce = async () => {
    if (!dirty) return
    dirty = false
    const tmp = `${file}.${process.pid}.tmp`
    const handle = await open(tmp, 'w')
    try {
      await handle.writeFile(JSON.stringify(snapshot()))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, file)
  }
  return {
    /** Schedules a write of the current state. */
    schedule(): Promise<void> {
      dirty = true
      chain = chain.then(writeOnce, writeOnce)
      return chain
    },
    flush: () => chain,
  }
}
