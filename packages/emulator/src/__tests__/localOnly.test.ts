import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { emulatorControl, type RunningEmulator, startEmulator } from '../index.js'

let emulator: RunningEmulator
let api: ReturnType<typeof clientFor>
beforeAll(async () => {
  emulator = await startEmulator({ allowedHosts: ['emulator.test'] })
  api = clientFor(emulator)
})
afterAll(() => emulator.close())

/** A raw HTTP request with a chosen Host header (what a DNS-rebinding page sends). */
function withHost(host: string, path: string, headers: Record<string, string> = {}) {
  const { port } = new URL(emulator.url)
  return new Promise<{ status: number; body: { error?: { code: string } } }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { ...headers, host } },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString()
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('controls need the API key (issue 13 item 10)', () => {
  it('refuses a control without the key or with another, and serves it with the key', async () => {
    const bare = await fetch(`${emulator.url}/__emulator/log`)
    expect(bare.status).toBe(401)
    expect(await bare.json()).toMatchObject({ error: { code: 'AUTH_ERR_EMPTY_APIKEY' } })
    const wrong = await fetch(`${emulator.url}/__emulator/reset`, {
      method: 'POST',
      headers: { apiKey: emulator.authKey },
    })
    expect(wrong.status).toBe(401)
    expect((await emulatorControl(emulator, 'GET', 'log')).status).toBe(200)
    expect((await emulator.control('GET', 'config')).status).toBe(200)
  })
})

describe('CORS allows localhost origins only (issue 13 item 10)', () => {
  const preflight = (origin: string) =>
    fetch(`${emulator.sdkHosts.clientHost}/me`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authtoken,appid,content-type',
      },
    })

  it.each([
    'http://localhost:5173',
    'http://127.0.0.1:4173',
    'http://[::1]:3000',
    'https://app.localhost',
  ])('answers %s', async (origin) => {
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin)
  })

  it.each(['https://evil.example', 'http://localhost.evil.example', 'null'])(
    'gives %s no CORS headers',
    async (origin) => {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull()
      const answer = await fetch(`${emulator.restBaseUrl}/users`, {
        headers: { origin, apiKey: emulator.apiKey },
      })
      expect(answer.headers.get('access-control-allow-origin')).toBeNull()
    },
  )
})

describe('the Host header is checked against DNS rebinding (issue 13 item 10)', () => {
  it('refuses a foreign Host, even with the right key, with AUTH_ERR_INVALID_APPID', async () => {
    const answer = await withHost('evil.example:80', '/__emulator/log', {
      apiKey: emulator.apiKey,
    })
    expect(answer).toMatchObject({
      status: 401,
      body: { error: { code: 'AUTH_ERR_INVALID_APPID' } },
    })
    expect((await withHost('evil.example', '/v3/users', { apiKey: emulator.apiKey })).status).toBe(
      401,
    )
  })

  it('serves localhost names and the allowedHosts option', async () => {
    for (const host of ['localhost:1234', '127.0.0.1', '[::1]:8787', 'emulator.test:8787']) {
      expect((await withHost(host, '/v3/users', { apiKey: emulator.apiKey })).status).toBe(200)
    }
  })
})

describe('CometChat’s documented error codes (issue 13 fidelity)', () => {
  it('unknown routes answer ERR_API_NOT_FOUND with all four envelope fields', async () => {
    const answer = await api.rest('GET', '/groups')
    expect(answer).toMatchObject({
      status: 404,
      error: {
        code: 'ERR_API_NOT_FOUND',
        message: expect.any(String),
        devMessage: expect.any(String),
        source: expect.any(String),
      },
    })
  })

  it('injected server faults answer ERR_EXCEPTION (500) and ERR_MISSION_FAILED (other 5xx)', async () => {
    await api.control('POST', 'faults', { route: 'GET /v3/users', status: 500, times: 1 })
    expect(await api.rest('GET', '/users')).toMatchObject({
      status: 500,
      error: { code: 'ERR_EXCEPTION', devMessage: expect.any(String), source: expect.any(String) },
    })
    await api.control('POST', 'faults', { route: 'GET /v3/users', status: 502, times: 1 })
    expect(await api.rest('GET', '/users')).toMatchObject({
      status: 502,
      error: { code: 'ERR_MISSION_FAILED' },
    })
  })

  it('a REST request naming another app answers AUTH_ERR_INVALID_APPID', async () => {
    expect(
      await api.rest('GET', '/users', undefined, { apiKey: emulator.apiKey, appId: 'other' }),
    ).toMatchObject({ status: 401, error: { code: 'AUTH_ERR_INVALID_APPID' } })
  })
})

describe('the documented app-wide rate limits (issue 13 fidelity)', () => {
  it('answers 429 with Retry-After and X-Rate-Limit-Reset past the limit, per minute window', async () => {
    let clock = Date.UTC(2026, 0, 1, 12, 0, 15)
    const limited = await startEmulator({ now: () => clock, rateLimits: { standard: 2, core: 1 } })
    const rest = clientFor(limited)
    try {
      expect((await rest.rest('GET', '/users')).headers.get('x-rate-limit-remaining')).toBe('1')
      expect((await rest.rest('GET', '/users')).status).toBe(200)
      const refused = await rest.rest('GET', '/users')
      expect(refused).toMatchObject({ status: 429, error: { code: 'ERR_TOO_MANY_REQUESTS' } })
      expect(refused.headers.get('retry-after')).toBe('45')
      expect(refused.headers.get('x-rate-limit-reset')).toBe(
        String(Date.UTC(2026, 0, 1, 12, 1) / 1000),
      )
      // Core operations (user create) have their own, lower budget.
      expect((await rest.rest('POST', '/users', { uid: 'a1', name: 'A' })).status).toBe(200)
      expect((await rest.rest('POST', '/users', { uid: 'a2', name: 'A' })).status).toBe(429)
      clock += 45_000
      expect((await rest.rest('GET', '/users')).status).toBe(200)
    } finally {
      await limited.close()
    }
  })

  it('defaults to the documented 10,000 core / 20,000 standard requests per minute', async () => {
    const answer = await api.rest('POST', '/users', { uid: 'rate-default', name: 'R' })
    expect(answer.headers.get('x-rate-limit')).toBe('10000')
    expect((await api.rest('GET', '/users')).headers.get('x-rate-limit')).toBe('20000')
  })
})
