#!/usr/bin/env node
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createCometChatClient } from '../client/createCometChatClient.js'
import { importUsers, parseUsersFile } from './import.js'

const usage =
  'usage: callsession import <users.csv|users.json> [--dry-run] [--concurrency N] [--rate N/min]'

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const [command, file] = positionals
  if (values.help || command !== 'import' || !file) {
    console.error(usage)
    return values.help ? 0 : 2
  }
  const env = process.env
  const dryRun = values['dry-run'] === true
  if (!dryRun && (!env.COMETCHAT_APP_ID || !env.COMETCHAT_REGION || !env.COMETCHAT_API_KEY)) {
    console.error(
      'set COMETCHAT_APP_ID, COMETCHAT_REGION and COMETCHAT_API_KEY (COMETCHAT_BASE_URL optional)',
    )
    return 2
  }
  const cometchat = createCometChatClient({
    appId: env.COMETCHAT_APP_ID ?? 'dry-run',
    region: env.COMETCHAT_REGION ?? 'us',
    apiKey: env.COMETCHAT_API_KEY ?? 'dry-run',
    baseUrl: env.COMETCHAT_BASE_URL || undefined,
  })
  const rows = parseUsersFile(
    await readFile(file, 'utf8'),
    file.toLowerCase().endsWith('.json') ? 'json' : 'csv',
  )
  const tty = process.stderr.isTTY === true
  let lastPrinted = -1
  const summary = await importUsers({
    cometchat,
    rows,
    dryRun,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    ratePerMinute: values.rate ? Number.parseFloat(values.rate) : undefined,
    onProgress(done, total) {
      if (tty) {
        const width = 30
        const filled = total ? Math.round((done / total) * width) : width
        process.stderr.write(
          `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`,
        )
        if (done === total) process.stderr.write('\n')
      } else {
        const step = Math.floor((done / Math.max(1, total)) * 10)
        if (step !== lastPrinted) {
          lastPrinted = step
          process.stderr.write(`progress ${done}/${total}\n`)
        }
      }
    },
  })
  for (const bad of summary.invalid)
    console.log(`line ${bad.line}: invalid (${bad.code}) ${bad.message}`)
  for (const bad of summary.failed) console.log(`line ${bad.line}: failed ${bad.uid} (${bad.code})`)
  console.log(
    `${dryRun ? 'dry run: ' : ''}${summary.total} rows, ${summary.created} created, ${summary.skipped} already existed, ${summary.invalid.length} invalid, ${summary.failed.length} failed`,
  )
  return summary.invalid.length + summary.failed.length > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(`callsession: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  },
)
