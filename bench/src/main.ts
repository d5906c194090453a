// `pnpm bench`: measures everything in one run on this machine, prints one table and writes
// bench/RESULTS.md. Reports figures; asserts nothing (the counts are asserted in the tests).
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { describeMachine } from './report/machine.js'
import { formatTable, type TableRow } from './report/table.js'
import { repoRoot } from './size/measure.js'
import { sizeTable } from './size/sizeTable.js'

type Section = { area: string; rows: () => Promise<TableRow[]> }

const sections: Section[] = [
  { area: '1. Bundle size (min+gz)', rows: sizeTable },
  {
    area: '2. Browser round trips',
    rows: async () => (await import('./client/roundTripTable.js')).roundTripTable(),
  },
  {
    area: '3. Refresh quality',
    rows: async () => (await import('./client/refreshQualityTable.js')).refreshQualityTable(),
  },
  {
    area: '4. Server',
    rows: async () => (await import('./server/serverTable.js')).serverTable(),
  },
]

/**
 * Builds core and react; sizes are measured on `dist/` (what npm ships), like the size budgets.
 * tsc still emits when it reports type errors, so a failed build is shown, not fatal.
 */
function buildPackages(): void {
  const build = spawnSync(
    'npx',
    [
      '-y',
      'pnpm@12.20.0',
      '--filter',
      '@callsession/core',
      '--filter',
      '@callsession/react',
      'build',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  )
  if (build.status !== 0) {
    console.error(
      `${build.stdout}${build.stderr}\nbench: building core/react failed; measuring what was emitted`,
    )
  }
}

async function main(): Promise<void> {
  const started = new Date()
  buildPackages()
  const rows: TableRow[] = []
  for (const section of sections) {
    try {
      rows.push(...(await section.rows()))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      rows.push({ area: section.area, what: 'not measured', figure: '—', detail: reason })
    }
  }
  const table = formatTable(rows)
  const machine = describeMachine()
  console.log(table)
  console.log(`\n${machine}; ${started.toISOString()}`)
  const results = new URL('../RESULTS.md', import.meta.url)
  // The `## …` sections below the table belong to other runs (`pnpm bench:browser`, the
  // several-servers test): kept as they were.
  let otherSections = ''
  try {
    const markdown = readFileSync(results, 'utf8')
    const first = markdown.indexOf('\n## ')
    otherSections = first < 0 ? '' : markdown.slice(first + 1).trimEnd()
  } catch {}
  writeFileSync(
    results,
    [
      '# Bench results',
      '',
      `One run of \`pnpm bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      `Machine: ${machine}.`,
      'Timings are what this one run measured on a shared machine (compare ratios, not absolutes);',
      'counts and sizes are exact. What each row means: [README.md](README.md).',
      '',
      table,
      '',
      ...(otherSections ? [otherSections, ''] : []),
    ].join('\n'),
  )
}

await main()
// autocannon, jsdom and BroadcastChannel keep handles open; the run is over.
process.exit(0)
