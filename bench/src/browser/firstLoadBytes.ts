import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { TableRow } from '../report/table.js'
import { bytes } from '../report/table.js'
import { type BuiltPage, buildPage } from './buildPage.js'

const AREA = 'Browser critical path'

/** Gzipped bytes (level 9, as the bench server sends them) of a build's initial chunks. */
async function initialBytes(page: BuiltPage): Promise<number> {
  let total = 0
  for (const chunk of page.initialChunks) {
    total += gzipSync(await readFile(join(page.dir, chunk.fileName)), { level: 9 }).length
  }
  return total
}

/** Where the Calls SDK sits in a build that uses our packages: its own chunk, loaded lazily. */
function sdkPlacement(page: BuiltPage): string {
  const sdk = page.sdkChunk
  if (!sdk) return 'no SDK chunk'
  const initial = page.initialChunks.some((chunk) => chunk.fileName === sdk.fileName)
  return initial ? 'SDK in the initial chunks (eager)' : 'SDK in its own lazily loaded chunk'
}

/**
 * What our packages add to the initial chunks of a fresh Vite app (React 19, production build),
 * with TanStack Query already in the app and without it.
 */
export async function firstLoadBytesRows(): Promise<{ rows: TableRow[]; sdkIsLazy: boolean }> {
  // One at a time: a build sets NODE_ENV for its duration.
  const builds: BuiltPage[] = []
  for (const page of [
    'bytes/react',
    'bytes/react-callsession',
    'bytes/query',
    'bytes/query-callsession',
  ])
    builds.push(await buildPage(page))
  const [react, reactOurs, query, queryOurs] = builds
  if (!react || !reactOurs || !query || !queryOurs) throw new Error('bench: a bytes build failed')
  const r = await initialBytes(react)
  const ro = await initialBytes(reactOurs)
  const q = await initialBytes(query)
  const qo = await initialBytes(queryOurs)
  const sdkIsLazy = [reactOurs, queryOurs].every(
    (page) => sdkPlacement(page) === 'SDK in its own lazily loaded chunk',
  )
  const row = (what: string, added: number, base: number, withUs: number, page: BuiltPage) => ({
    area: AREA,
    what,
    figure: `+${bytes(added)}`,
    detail: `initial chunks gzip -9: ${bytes(base)} → ${bytes(withUs)}; provider + useCallsSession; ${sdkPlacement(page)}`,
  })
  return {
    sdkIsLazy,
    rows: [
      row('first load: ours added, app has TanStack Query', qo - q, q, qo, queryOurs),
      row('first load: ours added, app without TanStack Query', ro - r, r, ro, reactOurs),
    ],
  }
}
