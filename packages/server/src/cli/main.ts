#!/usr/bin/env node
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createCometChatClient } from '../client/createCometChatClient.js'
import { Checkpoint, CheckpointMismatchError } from './checkpoint.js'
import { type ImportRate, type ImportResult, importUsers } from './import.js'
import { type ImportArgs, parseImportArgs, USAGE } from './importArgs.js'
import { ImportFileError } from './importFileError.js'
import { readUsers } from './readUsers.js'

/** This many failures in a row mean CometChat is down or refusing us: stop, keep the checkpoint. */
const MAX_FAILURES_IN_A_ROW = 25

async function main(argv: string[]): Promise<number> {
  const parsed = parseImportArgs(argv)
  if (parsed.kind === 'help') {
    console.log(USAGE)
    return 0
  }
  if (parsed.kind === 'error') {
    console.error(`callsession: ${parsed.message}\n${USAGE}`)
    return 2
  }
  const args = parsed.args
  const env = process.env
  if (!args.dryRun && (!env.COMETCHAT_APP_ID || !env.COMETCHAT_REGION || !env.COMETCHAT_API_KEY)) {
    console.error(
      'callsession: set COMETCHAT_APP_ID, COMETCHAT_REGION and COMETCHAT_API_KEY (COMETCHAT_BASE_URL optional)',
    )
    return 2
  }
  const info = await stat(args.file).catch((error: NodeJS.ErrnoException) => error)
  if (info instanceof Error || !info.isFile()) {
    console.error(
      `callsession: cannot read ${args.file}: ${info instanceof Error ? info.code : 'not a file'}`,
    )
    return 2
  }

  // Pass 1 checks the whole file's structure before a single request, and counts rows for the ETA.
  let total = 0
  const warnings: string[] = []
  try {
    for await (const _ of readUsers(createReadStream(args.file), args.format, {
      onWarning: (w) => warnings.push(w.message),
    }))
      total++
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error
    console.error(`callsession: ${args.file}: ${error.message}\nNothing was imported.`)
    return 2
  }
  for (const warning of warnings) console.error(`warning: ${warning}`)
  if (total === 0) {
    console.error(`warning: ${args.file} holds no users (a header row at most): nothing to import`)
    return 0
  }

  const input = { size: info.size, mtimeMs: info.mtimeMs, format: args.format }
  let checkpoint: Checkpoint | undefined
  if (!args.dryRun) {
    try {
      const previous = args.restart ? undefined : await Checkpoint.load(args.checkpoint, input)
      if (previous)
        console.error(
          `resuming from ${args.checkpoint}: ${previous.settledBefore} rows settled, ${previous.failed.length} failed rows to retry`,
        )
      checkpoint = new Checkpoint(args.checkpoint, input, previous)
    } catch (error) {
      if (!(error instanceof CheckpointMismatchError)) throw error
      console.error(`callsession: ${error.message}`)
      return 2
    }
  }
  return run(args, total, checkpoint)
}

async function run(args: ImportArgs, total: number, checkpoint: Checkpoint | undefined) {
  const env = process.env
  const cometchat = createCometChatClient({
    appId: env.COMETCHAT_APP_ID ?? 'dry-run',
    region: env.COMETCHAT_REGION ?? 'us',
    apiKey: env.COMETCHAT_API_KEY ?? 'dry-run',
    baseUrl: env.COMETCHAT_BASE_URL || undefined,
  })
  const stop = new AbortController()
  const onSignal = () => {
    console.error('\nstopping after the requests in flight (the checkpoint keeps the progress)…')
    stop.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let failuresInARow = 0
  const progress = createProgressPrinter()
  const summary = await importUsers({
    cometchat,
    rows: readUsers(createReadStream(args.file), args.format),
    total,
    dryRun: args.dryRun,
    concurrency: args.concurrency,
    ratePerMinute: args.ratePerMinute,
    reportLimit: 0,
    signal: stop.signal,
    ...(checkpoint ? { skip: checkpoint.skip } : {}),
    onProgress: progress,
    onResult(result) {
      checkpoint?.record(result)
      printResult(result)
      if (result.outcome === 'failed') {
        if (++failuresInARow === MAX_FAILURES_IN_A_ROW && !stop.signal.aborted) {
          console.error(
            `\n${MAX_FAILURES_IN_A_ROW} failures in a row (last: ${result.code}): stopping; run the same command again to resume`,
          )
          stop.abort()
        }
      } else if (result.outcome !== 'invalid') failuresInARow = 0
    },
  })
  process.off('SIGINT', onSignal)
  process.off('SIGTERM', onSignal)
  if (checkpoint) {
    if (checkpoint.clean && !summary.aborted) await checkpoint.remove()
    else {
      await checkpoint.save()
      console.error(`progress and failed rows kept in ${checkpoint.path}: run again to resume`)
    }
  }
  const { counts } = summary
  console.log(
    `${args.dryRun ? 'dry run: ' : ''}${summary.total} rows, ${summary.created} created, ${summary.skipped} already existed, ${counts.deactivated} deactivated, ${counts.invalid} invalid, ${counts.failed} failed${summary.resumed ? `, ${summary.resumed} done in an earlier run` : ''}${summary.aborted ? ' (stopped early)' : ''}`,
  )
  return counts.invalid + counts.failed + counts.deactivated > 0 || summary.aborted ? 1 : 0
}

function printResult(result: ImportResult) {
  if (result.outcome === 'invalid')
    console.log(`line ${result.line}: invalid (${result.code}) ${result.message}`)
  else if (result.outcome === 'failed')
    console.log(`line ${result.line}: failed ${result.uid} (${result.code})`)
  else if (result.outcome === 'deactivated')
    console.log(`line ${result.line}: deactivated ${result.uid} (${result.message})`)
}

/** A bar with rate and ETA on a terminal; a line per 10% otherwise (logs, CI). */
function createProgressPrinter() {
  const tty = process.stderr.isTTY === true
  let lastStep = -1
  let lastTick = -1
  return (done: number, total: number, rate: ImportRate) => {
    // A million rows must not mean a million terminal writes: redraw per 0.1%.
    const tick = Math.floor((done / Math.max(1, total)) * 1000)
    if (tick === lastTick && done !== total) return
    lastTick = tick
    const eta = rate.etaSeconds === undefined ? '' : `, ETA ${formatSeconds(rate.etaSeconds)}`
    const speed = `${rate.perSecond.toFixed(1)}/s${eta}`
    if (tty) {
      const width = 30
      const filled = total ? Math.round((done / total) * width) : width
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${speed}   `,
      )
      if (done === total) process.stderr.write('\n')
      return
    }
    const step = Math.floor((done / Math.max(1, total)) * 10)
    if (step !== lastStep) {
      lastStep = step
      process.stderr.write(`progress ${done}/${total} (${speed})\n`)
    }
  }
}

const formatSeconds = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`
      : `${Math.round(s)}s`

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(`callsession: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  },
)
