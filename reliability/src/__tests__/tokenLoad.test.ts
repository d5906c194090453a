// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { runTokenLoad } from '../../load/runTokenLoad.js'

// A small run of the load script (the full 1,000 requests over 200 uids is `pnpm load`).
describe('token load with CometChat faults (429 bursts, 5xx bursts, latency)', () => {
  it('every session ends authenticated or with a typed error; one CometChat user per uid; no untyped 5xx', async () => {
    const report = await runTokenLoad({
      uids: 40,
      tokensPerUid: 3,
      concurrency: 20,
      faults: [
        { route: 'POST /v3/users', status: 429, retryAfter: 1, times: 15 },
        { route: 'POST /v3/users/', status: 503, times: 30 },
        { route: 'POST /v3/users/', status: 500, times: 5 },
        { route: 'GET /v3/users/', latencyMs: 10, times: 50 },
      ],
    })
    expect(report.sessions.other).toBe(0)
    expect(report.sessions.authenticated + report.sessions.typedError).toBe(40)
    expect(report.untyped5xx).toBe(0)
    expect(report.users.duplicates).toBe(0)
    expect(report.users.inCometChat).toBeLessThanOrEqual(40)
    expect(report.byStatus['200']).toBeGreaterThanOrEqual(report.sessions.authenticated * 3)
  })
})
