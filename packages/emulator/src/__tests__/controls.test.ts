import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { type RunningEmulator, startEmulator } from '../index.js'

let emulator: RunningEmulator
let api: ReturnType<typeof clientFor>
beforeAll(async () => {
  emulator = await startEmulator()
  api = clientFor(emulator)
})
afterAll(() => emulator.close())
beforeEach(async () => {
  await api.control('POST', 'reset')
})

describe('controls under /__emulator/', () => {
  it('reset restores the sample users only', async () => {
    await api.rest('POST', '/users', { uid: 'zed', name: 'Z' })
    await api.control('POST', 'reset')
    expect((await api.rest('GET', '/users/zed')).status).toBe(404)
    expect((await api.rest('GET', '/users')).data).toHaveLength(5)
  })

  it('sets and reads the token lifetime, refusing nonsense', async () => {
    expect(await api.control('PUT', 'config', { tokenTtlSeconds: 30 })).toMatchObject({
      status: 200,
      data: { tokenTtlSeconds: 30 },
    })
    expect((await api.control('GET', 'config')).data).toEqual({ tokenTtlSeconds: 30 })
    expect((await api.control('PUT', 'config', { tokenTtlSeconds: -1 })).status).toBe(400)
    expect((await api.control('PUT', 'config', { tokenTtlSeconds: null })).status).toBe(200)
  })

  it('expire-tokens needs an existing user', async () => {
    expect((await api.control('POST', 'users/ghost/expire-tokens')).status).toBe(404)
  })

  it('injects a 5xx a given number of times, then answers normally', async () => {
    await api.control('POST', 'faults', { route: 'GET /v3/users', status: 503, times: 2 })
    expect(await api.rest('GET', '/users')).toMatchObject({
      status: 503,
      error: { code: 'ERR_MISSION_FAILED' },
    })
    expect((await api.rest('GET', '/users')).status).toBe(503)
    expect((await api.rest('GET', '/users')).status).toBe(200)
  })

  it('injects 429 with Retry-After, as CometChat rate-limits', async () => {
    await api.control('POST', 'faults', {
      route: 'POST /v3/users/cometchat-uid-1/auth_tokens',
      status: 429,
      retryAfter: 3,
      times: 1,
    })
    const answer = await api.rest('POST', '/users/cometchat-uid-1/auth_tokens')
    expect(answer).toMatchObject({ status: 429, error: { code: 'ERR_TOO_MANY_REQUESTS' } })
    expect(answer.headers.get('retry-after')).toBe('3')
  })

  it('injects latency: the answer waits at least that long', async () => {
    await api.control('POST', 'faults', {
      route: 'GET /v3/users/cometchat-uid-2',
      latencyMs: 150,
      times: 1,
    })
    const started = performance.now()
    expect((await api.rest('GET', '/users/cometchat-uid-2')).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('lists and clears faults; refuses a fault without a route or with a bad status', async () => {
    await api.control('POST', 'faults', { route: '*', status: 500 })
    expect((await api.control('GET', 'faults')).data).toHaveLength(1)
    expect((await api.rest('GET', '/users')).status).toBe(500)
    await api.control('DELETE', 'faults')
    expect((await api.rest('GET', '/users')).status).toBe(200)
    expect((await api.control('POST', 'faults', { status: 500 })).status).toBe(400)
    expect((await api.control('POST', 'faults', { route: '*', status: 200 })).status).toBe(400)
  })

  it('logs requests without keys or tokens', async () => {
    await api.control('DELETE', 'log')
    const { authToken } = (await api.rest('POST', '/users/cometchat-uid-1/auth_tokens')).data as {
      authToken: string
    }
    await api.rest('GET', `/users/cometchat-uid-1/auth_tokens/${authToken}`)
    await api.rest('GET', '/users', undefined, { apiKey: 'wrong' })
    const log = (await api.control('GET', 'log')).data as {
      method: string
      path: string
      status: number
    }[]
    expect(log.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      'POST /v3/users/cometchat-uid-1/auth_tokens 200',
      'GET /v3/users/cometchat-uid-1/auth_tokens/:authToken 200',
      'GET /v3/users 401',
    ])
    const text = JSON.stringify(log)
    expect(text).not.toContain(authToken)
    expect(text).not.toContain(emulator.apiKey)
  })
})
