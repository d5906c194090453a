// `pnpm bench:browser`: cold visits of the bench pages in Chromium, one table printed and
// written to bench/RESULTS.md (its "Browser critical path" section only). Reports; asserts nothing.
import { cpus, loadavg } from 'node:os'
import { runBrowserBench, TOKEN_DELAY_MS } from './browser/browserBench.js'
import { hasChromium } from './browser/chromium.js'
import { BENCH_NETWORK } from './browser/measureLoad.js'
import { BROWSER_SECTION, writeSection } from './browser/resultsSection.js'
import { formatTable } from './report/table.js'

if (!hasChromium()) {
  console.error(
    'bench:browser: no Chromium (install it: apt-get install chromium, or set CHROMIUM_PATH)',
  )
  process.exit(1)
}
const runs = Number(process.env.BENCH_RUNS ?? 15)
const started = new Date()
const loadBefore = loadavg()[0] ?? 0
const result = await runBrowserBench({ runs })
const loadAfter = loadavg()[0] ?? 0
const load = `1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end (${cpus().length} cores)`
const table = formatTable(result.rows)
const setup = [
  `${runs} cold visits per page (after one uncounted visit each), interleaved a, b, c, d, e, f, g, a, …; each in a fresh profile.`,
  `Chromium network emulation (CDP): ${BENCH_NETWORK.rttMs} ms RTT, ${BENCH_NETWORK.megabitsPerSecond} Mbit/s both ways, cache disabled.`,
  `Production Vite builds served gzip -9 by the bench server; the token endpoint adds ${TOKEN_DELAY_MS} ms and mints real tokens at the emulator;`,
  'the real Calls SDK 4.2.6 against the emulator. Times are from navigation start; "median; min–max".',
]
const checks = result.checks.map(
  (check) => `- ${check.holds ? 'holds' : 'FAILS'}: ${check.name} (${check.detail})`,
)
console.log(table)
console.log(`\n${checks.join('\n')}`)
console.log(`\n${result.machine}; ${result.chromium}; ${load}; ${started.toISOString()}`)
writeSection(
  new URL('../RESULTS.md', import.meta.url),
  [
    BROWSER_SECTION,
    '',
    `One run of \`pnpm bench:browser\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${result.machine}; ${result.chromium}; ${load}.`,
    ...setup,
    'What each page is: [README.md](README.md#browser-critical-path-pnpm-benchbrowser).',
    '',
    table,
    '',
    'Done-when checks (same run):',
    '',
    ...checks,
    '',
  ].join('\n'),
)
process.exit(0)
