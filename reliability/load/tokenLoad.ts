// The load script (outside the default test command): 1,000 token requests over 200 uids with
// faults injected at the emulator. Run: npx -y pnpm@12.20.0 --filter @callsession/reliability load
import { runTokenLoad } from './runTokenLoad.js'

const report = await runTokenLoad({
  uids: 200,
  tokensPerUid: 5,
  concurrency: 50,
  faults: [
    { route: 'POST /v3/users', status: 429, retryAfter: 1, times: 40 },
    { route: 'POST /v3/users/', status: 503, times: 60 },
    { route: 'GET /v3/users/', latencyMs: 30, times: 200 },
    { route: 'POST /v3/users/', latencyMs: 20, times: 300 },
  ],
})
console.log(JSON.stringify(report, null, 2))
const ok =
  report.untyped5xx === 0 &&
  report.sessions.other === 0 &&
  report.users.duplicates === 0 &&
  report.tokenRequests >= 1000
console.log(ok ? 'load: OK' : 'load: FAILED')
process.exit(ok ? 0 : 1)
