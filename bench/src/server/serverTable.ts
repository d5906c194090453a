import { startEmulator } from '@callsession/emulator'
import { createCometChatClient, createTokenHandler } from '@callsession/server'
import type { TableRow } from '../report/table.js'
import { apiCallsPerToken } from './apiCallsPerToken.js'
import { loadTest } from './loadTest.js'
import { serveWebHandler } from './serveWebHandler.js'

const area = '4. Server'
const ms = (value: number) => `${value.toFixed(1)} ms`

/** Token endpoint load against the emulator, and CometChat calls per issued token. */
export async function serverTable(): Promise<TableRow[]> {
  const emulator = await startEmulator()
  const cometchat = createCometChatClient({
    appId: emulator.appId,
    region: 'us',
    apiKey: emulator.apiKey,
    baseUrl: emulator.restBaseUrl,
  })
  try {
    const user = { uid: 'bench-load-user', name: 'Bench Load' }
    const handler = createTokenHandler({
      cometchat,
      authenticate: async () => user,
      ttlSeconds: 3600,
    })
    const tokenServer = await serveWebHandler(handler)
    const constant = JSON.stringify({ uid: user.uid, authToken: 'x', expiresIn: 3600 })
    const baselineServer = await serveWebHandler(
      async () => new Response(constant, { headers: { 'content-type': 'application/json' } }),
    )
    let token: Awaited<ReturnType<typeof loadTest>>
    let baseline: Awaited<ReturnType<typeof loadTest>>
    try {
      // Warm up: the user exists before the measured run (the "existing user" hot path).
      await fetch(tokenServer.url, { method: 'POST', body: '{"reason":"login"}' })
      baseline = await loadTest(baselineServer.url)
      token = await loadTest(tokenServer.url)
    } finally {
      await tokenServer.close()
      await baselineServer.close()
    }
    const calls = await apiCallsPerToken(emulator, cometchat)
    const ratio = (ours: number, seed: number) =>
      seed === 0 ? '—' : `${(ours / seed).toFixed(2)}×`
    return [
      {
        area,
        what: 'token endpoint throughput',
        figure: `${Math.round(token.requestsPerSecond)} req/s`,
        detail: `${token.requests} tokens in 5 s, ${token.failures} failed; ${(token.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}× a constant-JSON handler (${Math.round(baseline.requestsPerSecond)} req/s)`,
      },
      {
        area,
        what: 'token endpoint latency p50 / p99',
        figure: `${ms(token.p50Ms)} / ${ms(token.p99Ms)}`,
        detail: `10 connections; constant-JSON handler ${ms(baseline.p50Ms)} / ${ms(baseline.p99Ms)}`,
      },
      {
        area,
        what: 'CometChat calls per token, existing user',
        figure: `token handler ${calls.handler.existingUser} vs seed ${calls.seed.existingUser}`,
        detail: `ratio ${ratio(calls.handler.existingUser, calls.seed.existingUser)}; ensureUser + mint ${calls.ensureUser.existingUser}; average of 10 tokens, pruning included`,
      },
      {
        area,
        what: 'CometChat calls per token, new user',
        figure: `token handler ${calls.handler.newUser} vs seed ${calls.seed.newUser}`,
        detail: `ratio ${ratio(calls.handler.newUser, calls.seed.newUser)}; ensureUser + mint ${calls.ensureUser.newUser}; first token, pruning included`,
      },
    ]
  } finally {
    await emulator.close()
  }
}
