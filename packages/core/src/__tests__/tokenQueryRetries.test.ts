import { CancelledError, onlineManager, QueryClient } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CallsSessionError } from '../errors.js'
import type { RawGrant } from '../tokenEndpoint.js'
import { createTokenQuery, isRetryable, retryDelay } from '../tokenQuery.js'

const TOKEN = 'alice_0123456789abcdef0123456789abcdef'
const grant: RawGrant = { body: { uid: 'alice', authToken: TOKEN, expiresIn: 3600 } }

/** A token source answering from a script: each entry is a grant or an error to throw. */
function scripted(...answers: (RawGrant | Error)[]) {
  const reasons: string[] = []
  const request = vi.fn(async ({ reason }: { signal: AbortSignal; reason: string }) => {
    reasons.push(reason)
    const answer = answers.shift() ?? grant
    if (answer instanceof Error) throw answer
    return answer
  })
  return { request, reasons }
}

const endpointError = (status: number | undefined) =>
  new CallsSessionError('TOKEN_ENDPOINT_ERROR', 'Token endpoint answered', { status })

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  onlineManager.setOnline(true)
})

describe('which token failures are retried', () => {
  it.each([
    ['NETWORK_ERROR', new CallsSessionError('NETWORK_ERROR')],
    ['TIMEOUT', new CallsSessionError('TIMEOUT')],
    ['429', endpointError(429)],
    ['500', endpointError(500)],
    ['503', endpointError(503)],
  ])('%s is worth another try', (_, error) => {
    expect(isRetryable(error)).toBe(true)
  })

  it.each([
    ['401', new CallsSessionError('UNAUTHORIZED', undefined, { status: 401 })],
    ['400', endpointError(400)],
    ['404', endpointError(404)],
    ['499', endpointError(499)],
    ['a status-less endpoint error', endpointError(undefined)],
    ['a bad answer', new CallsSessionError('INVALID_TOKEN_RESPONSE')],
    ['ABORTED', new CallsSessionError('ABORTED')],
    ['a plain Error', new Error('NETWORK_ERROR')],
  ])('%s is not', (_, error) => {
    expect(isRetryable(error)).toBe(false)
  })
})

describe('retryDelay', () => {
  it('backs off exponentially from 500 ms, capped at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => retryDelay(n, new Error('x')))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ])
  })
})

describe('createTokenQuery().fetch', () => {
  const setup = (
    answers: (RawGrant | Error)[],
    { retries = 3, isCurrent = () => true }: { retries?: number; isCurrent?: () => boolean } = {},
  ) => {
    const client = new QueryClient()
    const source = scripted(...answers)
    const query = createTokenQuery(client, 'app-1', source.request, { retries, isCurrent })
    return { client, source, query }
  }

  it('retries a retryable failure after the backoff, and counts every request', async () => {
    const { source, query } = setup([new CallsSessionError('NETWORK_ERROR'), endpointError(503)])
    const fetched = query.fetch(1, 'login')
    await vi.advanceTimersByTimeAsync(0)
    expect(source.request).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(499) // the first retry waits 500 ms
    expect(source.request).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(source.request).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(999) // the second 1 s
    expect(source.request).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    const { grant: got, attempts } = await fetched
    expect(attempts).toBe(3)
    expect(got.uid).toBe('alice')
    expect(source.reasons).toEqual(['login', 'login', 'login'])
  })

  it('gives up after `retries` retries with the last error', async () => {
    const last = endpointError(500)
    const { source, query } = setup([endpointError(500), endpointError(500), last], { retries: 2 })
    const fetched = query.fetch(1, 'refresh')
    const outcome = expect(fetched).rejects.toBe(last)
    await vi.runAllTimersAsync()
    await outcome
    expect(source.request).toHaveBeenCalledTimes(3)
  })

  it('does not retry a refusal', async () => {
    const refusal = new CallsSessionError('UNAUTHORIZED', undefined, { status: 401 })
    const { source, query } = setup([refusal])
    const outcome = expect(query.fetch(1, 'login')).rejects.toBe(refusal)
    await vi.runAllTimersAsync()
    await outcome
    expect(source.request).toHaveBeenCalledTimes(1)
  })

  it('wraps a failure that is not a CallsSessionError as TOKEN_ENDPOINT_ERROR, with the cause', async () => {
    const cause = new TypeError('fetchToken broke')
    const { query } = setup([cause])
    const outcome = expect(query.fetch(1, 'login')).rejects.toMatchObject({
      name: 'CallsSessionError',
      code: 'TOKEN_ENDPOINT_ERROR',
      cause,
    })
    await vi.runAllTimersAsync()
    await outcome
  })

  it('fetches even when the browser says it is offline', async () => {
    onlineManager.setOnline(false)
    const { source, query } = setup([])
    const fetched = query.fetch(1, 'login')
    await vi.runAllTimersAsync()
    await expect(fetched).resolves.toMatchObject({ attempts: 1 })
    expect(source.request).toHaveBeenCalledTimes(1)
  })

  it("shows in the app's QueryClient under a callsession key, and leaves its cache once done", async () => {
    const { client, query } = setup([new Error('broken'), grant])
    const keys: unknown[] = []
    client.getQueryCache().subscribe((event) => {
      if (event.type === 'added') keys.push(event.query.queryKey)
    })
    const failed = expect(query.fetch(1, 'login')).rejects.toMatchObject({
      code: 'TOKEN_ENDPOINT_ERROR',
    })
    await vi.runAllTimersAsync()
    await failed
    expect(client.getQueryCache().getAll()).toEqual([])
    const fetched = query.fetch(2, 'refresh')
    await vi.runAllTimersAsync()
    await fetched
    expect(client.getQueryCache().getAll()).toEqual([])
    expect(keys).toEqual([
      ['callsession', 'token', 'app-1', expect.any(Number), 1],
      ['callsession', 'token', 'app-1', expect.any(Number), 2],
    ])
  })
})

describe("cancels from the app's QueryClient", () => {
  /** A request that waits for its signal: each call is cancelled by `interfere` below. */
  function held() {
    let started = 0
    const request = async ({ signal }: { signal: AbortSignal }): Promise<RawGrant> => {
      started++
      await new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      )
      throw new Error('unreachable')
    }
    return { request, started: () => started }
  }

  it('are ridden out three times; the fourth ends the fetch as ABORTED', async () => {
    const client = new QueryClient()
    const source = held()
    const query = createTokenQuery(client, 'app-1', source.request, {
      retries: 3,
      isCurrent: () => true,
    })
    const fetched = query.fetch(1, 'login')
    const outcome = expect(fetched).rejects.toMatchObject({ code: 'ABORTED' })
    for (let n = 1; n <= 4; n++) {
      await vi.advanceTimersByTimeAsync(0)
      expect(source.started()).toBe(n)
      await client.cancelQueries()
    }
    await outcome
    await fetched.catch((error: CallsSessionError) => {
      expect(error.cause).toBeInstanceOf(CancelledError)
    })
    expect(source.started()).toBe(4)
  })

  it('end a fetch the session no longer wants at once', async () => {
    const client = new QueryClient()
    const source = held()
    const query = createTokenQuery(client, 'app-1', source.request, {
      retries: 3,
      isCurrent: () => false,
    })
    const fetched = query.fetch(1, 'login')
    const outcome = expect(fetched).rejects.toMatchObject({ code: 'ABORTED' })
    await vi.advanceTimersByTimeAsync(0)
    await client.cancelQueries()
    await outcome
    expect(source.started()).toBe(1)
  })
})
