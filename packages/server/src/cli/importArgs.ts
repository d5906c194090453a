import { parseArgs } from 'node:util'

export const USAGE = `usage: callsession import <users.csv|users.json> [options]
  --dry-run            check the file, send nothing
  --concurrency N      requests in flight at once, 1-64 (default 4)
  --rate N             creates per minute, more than 0 (default 600; CometChat's data-import plan allows 60)
  --format csv|json    default: from the file name (.json is JSON, anything else CSV)
  --checkpoint FILE    where progress and failed rows are kept (default <file>.checkpoint.json)
  --restart            ignore an existing checkpoint and start from the first row`

/** The import command's settings, validated. */
export interface ImportArgs {
  file: string
  format: 'csv' | 'json'
  dryRun: boolean
  concurrency: number
  ratePerMinute: number
  checkpoint: string
  restart: boolean
}

/** What the command line asked for, or why it cannot be done. */
export type ParsedArgs =
  | { kind: 'import'; args: ImportArgs }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

/** Parses and validates `callsession import …` arguments (no side effects, so tests call it directly). */
export function parseImportArgs(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
  const { positionals, values } = parsed
  if (values.help) return { kind: 'help' }
  const [command, file, ...extra] = positionals
  if (command !== 'import')
    return {
      kind: 'error',
      message: command ? `unknown command "${command}"` : 'no command given',
    }
  if (!file) return { kind: 'error', message: 'no file given' }
  if (extra.length > 0)
    return { kind: 'error', message: `one file at a time (also got: ${extra.join(' ')})` }

  const concurrency = values.concurrency ?? '4'
  if (!/^\d+$/.test(concurrency) || Number(concurrency) < 1 || Number(concurrency) > 64)
    return {
      kind: 'error',
      message: `--concurrency must be a whole number from 1 to 64, not "${concurrency}"`,
    }
  const rate = (values.rate ?? '600').replace(/\/min$/, '')
  const ratePerMinute = /^\d+(\.\d+)?$/.test(rate) ? Number(rate) : Number.NaN
  if (!(ratePerMinute > 0) || ratePerMinute > 100_000)
    return {
      kind: 'error',
      message: `--rate must be a number of creates per minute above 0 (e.g. 60), not "${values.rate}"`,
    }
  const format = values.format ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'csv')
  if (format !== 'csv' && format !== 'json')
    return { kind: 'error', message: `--format must be csv or json, not "${format}"` }
  return {
    kind: 'import',
    args: {
      file,
      format,
      dryRun: values['dry-run'] === true,
      concurrency: Number(concurrency),
      ratePerMinute,
      checkpoint: values.checkpoint ?? `${file}.checkpoint.json`,
      restart: values.restart === true,
    },
  }
}

const parse = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      'dry-run': { type: 'boolean' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      format: { type: 'string' },
      checkpoint: { type: 'string' },
      restart: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
