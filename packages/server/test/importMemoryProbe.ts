// Run in a child process by importMemory.test.ts: streams a users file through readUsers and
// importUsers (CometChat stubbed in memory) and prints the row counts and the peak heap and RSS.
import { createReadStream } from 'node:fs'
import { importUsers, readUsers } from '../src/cli/import.js'
import type { CometChatClient } from '../src/client/createCometChatClient.js'

const [file, format] = process.argv.slice(2)
if (!file || (format !== 'csv' && format !== 'json'))
  throw new Error('usage: probe <file> csv|json')
let peakHeap = 0
let peakRss = 0
const sample = () => {
  const m = process.memoryUsage()
  peakHeap = Math.max(peakHeap, m.heapUsed)
  peakRss = Math.max(peakRss, m.rss)
}
let created = 0
const cometchat = {
  users: {
    async create() {
      created++
      if (created % 10_000 === 0) sample()
      return {}
    },
  },
} as unknown as CometChatClient
const summary = await importUsers({
  cometchat,
  rows: readUsers(createReadStream(file), format),
  concurrency: 8,
  ratePerMinute: 0,
})
sample()
console.log(
  JSON.stringify({
    total: summary.total,
    created,
    invalid: summary.counts.invalid,
    peakHeap,
    peakRss,
  }),
)
