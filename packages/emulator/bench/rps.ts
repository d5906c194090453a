// Requests per second on loopback for the two hot endpoints: auth-token creation (REST, the app
// server's side) and call-token generation (the Calls SDK's side). A script, not a test: it
// reports; nothing asserts wall-clock figures. Run: npx -y pnpm@12.20.0 --filter @callsession/emulator bench
import { cpus } from 'node:os'
import { startEmulator } from '../src/index.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)

// Measures throughput: CometChat's per-minute rate limits would only measure the limiter.
const emulator = await startEmulator({ rateLimits: false })
const headers = { apiKey: emulator.apiKey, 'content-type': 'application/json' }

async function measure(name: string, request: () => Promise<Response>) {
  let done = 0
  let failed = 0
  const latencies: number[] = []
  const until = performance.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const started = performance.now()
        const response = await request()
        await response.arrayBuffer()
        latencies.push(performance.now() - started)
        if (response.ok) done++
        else failed++
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return {
    endpoint: name,
    'req/s': Math.round(done / SECONDS),
    'p50 ms': Number(at(0.5).toFixed(2)),
    'p99 ms': Number(at(0.99).toFixed(2)),
    failed,
  }
}

const minted = await fetch(`${emulator.restBaseUrl}/users/cometchat-uid-1/auth_tokens`, {
  method: 'POST',
  headers,
})
const { authToken } = ((await minted.json()) as { data: { authToken: string } }).data

const rows = [
  await measure('POST /v3/users/:uid/auth_tokens', () =>
    fetch(`${emulator.restBaseUrl}/users/cometchat-uid-2/auth_tokens`, { method: 'POST', headers }),
  ),
  await measure('POST /calls/v3.0/call_tokens', () =>
    fetch(`${emulator.callsHost}call_tokens`, {
      method: 'POST',
      headers: { authToken, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'bench-room' }),
    }),
  ),
]
console.log(
  `emulator on loopback, ${CONCURRENCY} concurrent clients, ${SECONDS} s each, ${cpus().length} cores, Node ${process.version}`,
)
console.table(rows)
await emulator.close()
