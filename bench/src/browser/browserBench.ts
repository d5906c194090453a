import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import type { Browser } from 'playwright-core'
import type { TableRow } from '../report/table.js'
import { bytes } from '../report/table.js'
import { startBenchBackend } from './benchBackend.js'
import { type BenchServer, startBenchServer } from './benchServer.js'
import { type BuiltPage, buildPage } from './buildPage.js'
import { chromiumPath, launchChromium } from './chromium.js'
import { firstLoadBytesRows } from './firstLoadBytes.js'
import { BENCH_NETWORK, visit } from './measureLoad.js'
import { type CriticalPath, criticalPath } from './pageSample.js'
import { type BenchPage, PAGES } from './pages.js'
import { ratioInterval } from './ratioInterval.js'
import { medianMs, rangeMs, type Spread, spread } from './spread.js'

const AREA = 'Browser critical path'
/** What the token endpoint adds to each request, as a real one calling CometChat does. */
export const TOKEN_DELAY_MS = 150

export interface BrowserBenchResult {
  rows: TableRow[]
  /** The done-when checks, each with whether it holds. */
  checks: { name: string; holds: boolean; detail: string }[]
  machine: string
  chromium: string
  runs: number
}

type Measured = { page: BenchPage; built: BuiltPage; server: BenchServer; samples: CriticalPath[] }

/** `lscpu`'s model name and the core count (the machine a run was measured on). */
function describeCpu(): string {
  let model = cpus()[0]?.model.trim() ?? 'unknown CPU'
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' })
    model = /^Model name:\s*(.+)$/m.exec(lscpu)?.[1]?.trim() ?? model
  } catch {}
  return `${model}, ${cpus().length} cores`
}

function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return `unknown (${chromiumPath})`
  }
}

/** One part of each visit, leaving out the visits that did not measure it. */
const valuesOf = (samples: CriticalPath[], part: (sample: CriticalPath) => number | undefined) =>
  samples.map(part).filter((value): value is number => value !== undefined)

const pick = (samples: CriticalPath[], part: (sample: CriticalPath) => number | undefined) =>
  spread(valuesOf(samples, part))

/**
 * Cold visits of the pages, interleaved (a, b, c, …, g, a, b, …) so that machine noise falls on
 * all of them alike, each in a fresh browser profile with the cache off and the network emulated.
 */
export async function runBrowserBench({
  runs = 5,
  log = (line: string) => console.error(line),
} = {}): Promise<BrowserBenchResult> {
  const backend = await startBenchBackend()
  const measured: Measured[] = []
  let browser: Browser | undefined
  try {
    for (const page of PAGES) {
      log(`bench:browser: building ${page.page}`)
      const built = await buildPage(page.page, page.build)
      const server = await startBenchServer({
        dir: built.dir,
        pageConfig: backend.pageConfig,
        tokenHandler: backend.tokenHandler,
        tokenDelayMs: TOKEN_DELAY_MS,
      })
      measured.push({ page, built, server, samples: [] })
    }
    browser = await launchChromium()
    // One visit each first, not counted: Chromium's own first-use costs fall on no page.
    for (const entry of measured)
      await visit(browser, `${entry.server.url}/`, { network: BENCH_NETWORK })
    for (let run = 1; run <= runs; run++) {
      for (const entry of measured) {
        const sample = await visit(browser, `${entry.server.url}/`, { network: BENCH_NETWORK })
        entry.samples.push(criticalPath(entry.built, sample))
      }
      log(`bench:browser: run ${run}/${runs} done`)
    }
    if (process.env.BENCH_RAW) {
      const raw = Object.fromEntries(measured.map((entry) => [entry.page.key, entry.samples]))
      writeFileSync(process.env.BENCH_RAW, JSON.stringify(raw, null, 2))
    }
    const sdkBeforeSignIn = await sdkBytesBeforeSignIn(browser, measured)
    log('bench:browser: building the first-load byte apps')
    const bytesRows = await firstLoadBytesRows()
    return {
      ...report(measured, sdkBeforeSignIn, bytesRows),
      machine: describeCpu(),
      chromium: chromiumVersion(),
      runs,
    }
  } finally {
    await browser?.close()
    for (const entry of measured) await entry.server.close()
    await backend.close()
  }
}

/**
 * A signed-out visit (no app session: sign-in never starts) of (a) and (b), left until the network
 * is idle: the Calls SDK bytes that arrived anyway. (b) should load none, (a) preloads it.
 */
async function sdkBytesBeforeSignIn(browser: Browser, measured: Measured[]) {
  const result: Partial<Record<'a' | 'b', number>> = {}
  for (const entry of measured) {
    if (entry.page.key !== 'a' && entry.page.key !== 'b') continue
    const sample = await visit(browser, `${entry.server.url}/`, {
      network: BENCH_NETWORK,
      signedIn: false,
    })
    const sdkFile = entry.built.sdkChunk?.fileName
    result[entry.page.key] = sample.resources
      .filter((resource) => sdkFile && new URL(resource.name).pathname === `/${sdkFile}`)
      .reduce((sum, resource) => sum + resource.transferSize, 0)
  }
  return result
}

function report(
  measured: Measured[],
  sdkBeforeSignIn: Partial<Record<'a' | 'b', number>>,
  bytesRows: Awaited<ReturnType<typeof firstLoadBytesRows>>,
) {
  const rows: TableRow[] = []
  const timing = (label: string, what: string, value: Spread | undefined, extra = '') =>
    rows.push({
      area: AREA,
      what: `${label}: ${what}`,
      figure: medianMs(value),
      detail: `median; ${rangeMs(value)}${extra ? `; ${extra}` : ''}`,
    })
  const byKey = new Map(measured.map((entry) => [entry.page.key, entry]))
  for (const { page, samples } of measured) {
    const at = (part: (sample: CriticalPath) => number | undefined) => medianMs(pick(samples, part))
    timing(
      page.label,
      '→ authenticated',
      pick(samples, (s) => s.authenticated),
    )
    timing(
      page.label,
      '→ first call token',
      pick(samples, (s) => s.callToken),
    )
    timing(
      page.label,
      'first paint',
      pick(samples, (s) => s.firstPaint),
    )
    timing(
      page.label,
      'SDK chunk fetch',
      pick(samples, (s) => s.sdkFetch),
      `starts at ${at((s) => s.sdkStart)}, done at ${at((s) => s.sdkEnd)}; ${bytes(samples[0]?.sdkTransfer ?? 0)} on the wire${page.key === 'c' ? ' (the main bundle: SDK + React + app)' : ''}`,
    )
    timing(
      page.label,
      'SDK evaluation',
      pick(samples, (s) => s.sdkEvaluation),
      page.key === 'c'
        ? 'main bundle last byte → its first statement'
        : 'chunk last byte → module ready',
    )
    timing(
      page.label,
      'token request',
      pick(samples, (s) => s.tokenRequest),
      `starts at ${at((s) => s.tokenStart)}; endpoint adds ${TOKEN_DELAY_MS} ms`,
    )
    timing(
      page.label,
      'login round trip',
      pick(samples, (s) => s.loginRoundTrip),
      '4.2.6: first POST call_tokens (CORS preflight included)',
    )
  }
  rows.push(...bytesRows.rows)
  rows.push({
    area: AREA,
    what: 'Calls SDK bytes before sign-in',
    figure: `(b) ${bytes(sdkBeforeSignIn.b ?? -1)}`,
    detail: `signed-out visit to network idle; with preloadCallsSdk() (a): ${bytes(sdkBeforeSignIn.a ?? -1)}; builds: ${bytesRows.sdkIsLazy ? 'SDK in a separate lazy chunk' : 'SDK NOT in a separate lazy chunk'}`,
  })

  const median = (key: BenchPage['key'], part: (sample: CriticalPath) => number | undefined) =>
    pick(byKey.get(key)?.samples ?? [], part)?.median ?? Number.NaN
  const auth = (key: BenchPage['key']) => median(key, (s) => s.authenticated)
  const paint = (key: BenchPage['key']) => median(key, (s) => s.firstPaint)
  const pattern = (key: BenchPage['key']) =>
    Math.round(
      median(key, (s) =>
        s.sdkEvaluation === undefined ? undefined : s.authenticated - s.sdkEvaluation,
      ),
    )
  const patterns = `without SDK evaluation: (a) ${pattern('a')}, (b) ${pattern('b')}, (c) ${pattern('c')}, (d) ${pattern('d')}, (e) ${pattern('e')}, (f) ${pattern('f')}, (g) ${pattern('g')} ms`
  const ratio = (value: number) => `${value.toFixed(2)}×`
  // Per round (the pages are visited back to back), so that load drift between rounds cancels out.
  const paired = (
    top: BenchPage['key'],
    bottom: BenchPage['key'],
    part: (sample: CriticalPath) => number | undefined,
  ) => {
    const a = byKey.get(top)?.samples ?? []
    const b = byKey.get(bottom)?.samples ?? []
    const ratios = a.flatMap((sample, i) => {
      const x = part(sample)
      const other = b[i]
      const y = other ? part(other) : undefined
      return x !== undefined && y !== undefined ? [x / y] : []
    })
    const value = spread(ratios)
    return value
      ? `per-round ratio median ${ratio(value.median)} (${ratio(value.min)}–${ratio(value.max)})`
      : ''
  }
  // How far the ratio of medians moves when each page's runs are drawn again: a bar inside this
  // interval means the run cannot tell whether the check holds.
  const interval = (
    top: BenchPage['key'],
    bottom: BenchPage['key'],
    part: (sample: CriticalPath) => number | undefined,
    bar: number,
  ) => {
    const values = (key: BenchPage['key']) => valuesOf(byKey.get(key)?.samples ?? [], part)
    const found = ratioInterval(values(top), values(bottom))
    if (!found) return ''
    const inside = found.low <= bar && bar <= found.high
    return `95 % bootstrap interval ${ratio(found.low)}–${ratio(found.high)}${inside ? ` (the ${ratio(bar)} bar is inside it: this run cannot tell)` : ''}`
  }
  // The three checks of the issue, for each way an app preloads: (a) `preloadCallsSdk()` at the
  // entry's top level; (e) the same plus core's `callsSdkPreload()` Vite plugin naming the chunk in
  // the HTML; (g) the plugin with `start: 'entry'`. A way meets the issue when all three hold.
  const preloads = [
    { key: 'a', how: 'preloadCallsSdk() (a)' },
    { key: 'e', how: 'preloadCallsSdk() + callsSdkPreload() (e)' },
    { key: 'g', how: "preloadCallsSdk() + callsSdkPreload({ start: 'entry' }) (g)" },
  ] as const
  const checks = [
    ...preloads.flatMap(({ key, how }) => [
      {
        name: `with ${how}, time-to-authenticated ≤ 1.10× the floor`,
        holds: auth(key) <= 1.1 * auth('d'),
        detail: `(${key}) ${Math.round(auth(key))} ms vs (d) ${Math.round(auth('d'))} ms: ${ratio(auth(key) / auth('d'))}, ${interval(key, 'd', (s) => s.authenticated, 1.1)}; ${paired(key, 'd', (s) => s.authenticated)}; ${patterns}`,
      },
      {
        name: `with ${how}, first paint ≥ 5× sooner than the seed's eager pattern`,
        holds: paint('c') >= 5 * paint(key),
        detail: `(c) ${Math.round(paint('c'))} ms vs (${key}) ${Math.round(paint(key))} ms: ${ratio(paint('c') / paint(key))} sooner, ${interval('c', key, (s) => s.firstPaint, 5)}; ${paired('c', key, (s) => s.firstPaint)}; no preload (b) ${ratio(paint('c') / paint('b'))}`,
      },
      {
        name: `with ${how}, time-to-authenticated no worse than the seed's eager pattern`,
        holds: auth(key) <= auth('c'),
        detail: `(${key}) ${Math.round(auth(key))} ms vs (c) ${Math.round(auth('c'))} ms: ${ratio(auth(key) / auth('c'))}, ${interval(key, 'c', (s) => s.authenticated, 1)}; ${paired(key, 'c', (s) => s.authenticated)}; no preload (b) ${Math.round(auth('b'))} ms`,
      },
    ]),
    {
      name: '0 bytes of the Calls SDK before sign-in without preload',
      holds: sdkBeforeSignIn.b === 0 && bytesRows.sdkIsLazy,
      detail: `(b) signed out: ${bytes(sdkBeforeSignIn.b ?? -1)}; SDK chunk lazy in the byte apps: ${bytesRows.sdkIsLazy}`,
    },
  ]
  for (const check of checks) {
    rows.push({
      area: AREA,
      what: `check: ${check.name}`,
      figure: check.holds ? 'holds' : 'FAILS',
      detail: check.detail,
    })
  }
  return { rows, checks }
}
