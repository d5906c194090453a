import autocannon from 'autocannon'

/** What one bounded load run measured. */
export interface LoadResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  /** Answers that were not 2xx, plus connection errors and timeouts. */
  failures: number
}

/**
 * POSTs the token endpoint's wire request (`{ "reason": "login" }`) at `url` for a bounded time
 * with a fixed number of connections, the way many browsers signing in at once would.
 */
export async function loadTest(
  url: string,
  { durationSeconds = 5, connections = 10 } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ reason: 'login' }),
    duration: durationSeconds,
    connections,
  })
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  }
}
