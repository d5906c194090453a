import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROWS = 1_000_000
const MiB = 1024 * 1024
/**
 * Generous on purpose: the streaming import peaks near 90 MiB of heap for a million rows (most of
 * it the duplicate-uid set); reading the file whole used 896 MB for 27 MB. The child's heap is
 * capped a little above the ceiling, so a regression fails by running out of memory, not by timing.
 */
const HEAP_CEILING = 192 * MiB

let dir: string | undefined
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function writeUsersCsv(path: string, rows: number) {
  const out = createWriteStream(path)
  out.write('uid,name,avatar\n')
  for (let i = 0; i < rows; i++) {
    if (!out.write(`user-${i},User number ${i},https://example.com/a/${i}.png\n`))
      await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

function probe(file: string) {
  const root = resolve(import.meta.dirname, '../..')
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_CEILING / MiB + 32}`,
        '--conditions=@callsession/source',
        '--import',
        'tsx',
        'test/importMemoryProbe.ts',
        file,
        'csv',
      ],
      { cwd: root },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('import memory', () => {
  it('imports 1M rows (64 MB of CSV) from a stream within a bounded heap', {
    timeout: 300_000,
  }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'callsession-memory-'))
    const file = join(dir, 'users.csv')
    await writeUsersCsv(file, ROWS)
    const result = await probe(file)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as {
      total: number
      created: number
      invalid: number
      peakHeap: number
      peakRss: number
    }
    expect(report).toMatchObject({ total: ROWS, created: ROWS, invalid: 0 })
    expect(report.peakHeap).toBeLessThan(HEAP_CEILING)
  })
})
