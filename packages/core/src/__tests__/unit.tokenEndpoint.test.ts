import { afterEach, describe, expect, it, vi } from 'vitest'
import { CallsSessionError } from '../errors.js'
import { requestToken, retryAfterMs, serverClock } from '../tokenEndpoint.js'

const URL = 'https://app.example.com/api/cometchat-token'
const GRANT = { uid: 'alice', authToken: 'alice_0123456789abcdef0123456789abcdef' }

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** Stubs the global fetch with `answer`, returning the mock to inspect the request. */
function serve(answer: (init: RequestInit | undefined) => Promise<Response>) {
  const fetch = vi.fn((_: RequestInfo | URL, init?: RequestInit) => answer(init))
  vi.stubGlobal('fetch', fetch)
  return fetch
}

/** A fetch that never answers, and rejects the way fetch does when its signal aborts. */
const hang = (init: RequestInit | undefined) =>
  new Promise<Response>((_, reject) => {
    init?.signal?.addEventListener('abort', () =>
      reject(new DOMException('This operation was aborted', 'AbortError')),
    )
  })

const ask = (signal = new AbortController().signal, timeoutMs = 15_000) =>
  requestToken(URL, { signal, reason: 'refresh', timeoutMs })

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('resolved')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CallsSessionError)
  return error as CallsSessionError
}

describe('requestToken', () => {
  it('POSTs the reason as JSON with cookies and no cache', async () => {
    const fetch = serve(async () => Response.json(GRANT))
    await ask()
    expect(fetch).toHaveBeenCalledOnce()
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe(URL)
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'include',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"reason":"refresh"}',
    })
    expect(init?.signal).toBeInstanceOf(AbortSignal)
  })

  it('answers the parsed body and the server clock', async () => {
    serve(async () => Response.json(GRANT, { headers: { date: 'Tue, 14 Nov 2023 22:13:20 GMT' } }))
    expect(await ask()).toEqual({ body: GRANT, serverDate: 1_700_000_000_000 })
  })

  it('without a Date header the server clock is unknown', async () => {
    serve(async () => new Response('{"a":1}'))
    expect(await ask()).toEqual({ body: { a: 1 }, serverDate: undefined })
  })

  it.each([401, 403])('%i is UNAUTHORIZED, with its status', async (status) => {
    serve(async () => Response.json({ error: 'nope' }, { status }))
    const error = await failure(ask())
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      status,
      message: `Token endpoint answered ${status}`,
    })
  })

  it.each([400, 404, 429, 500, 503])(
    '%i is TOKEN_ENDPOINT_ERROR, with its status',
    async (status) => {
      serve(async () => new Response(JSON.stringify(GRANT), { status }))
      const error = await failure(ask())
      expect(error).toMatchObject({
        code: 'TOKEN_ENDPOINT_ERROR',
        status,
        message: `Token endpoint answered ${status}`,
      })
      // The body may hold a token: it is never in the error.
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain(GRANT.authToken)
    },
  )

  it('a 3xx that reaches us is not ok either', async () => {
    serve(async () => new Response(null, { status: 304 }))
    expect(await failure(ask())).toMatchObject({ code: 'TOKEN_ENDPOINT_ERROR', status: 304 })
  })

  it('a 2xx other than 200 is fine', async () => {
    serve(async () => Response.json(GRANT, { status: 201 }))
    expect((await ask()).body).toEqual(GRANT)
  })

  it('Retry-After in seconds is remembered on the error, in ms', async () => {
    serve(async () => new Response(null, { status: 429, headers: { 'retry-after': '7' } }))
    expect(retryAfterMs(await failure(ask()))).toBe(7_000)
  })

  it('Retry-After: 0 is remembered too', async () => {
    serve(async () => new Response(null, { status: 503, headers: { 'retry-after': '0' } }))
    expect(retryAfterMs(await failure(ask()))).toBe(0)
  })

  it.each([
    ['absent', undefined],
    ['an HTTP date', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['negative', '-5'],
    ['garbage', 'soon'],
    ['blank', ' '],
    ['empty', ''],
  ])('Retry-After %s is not remembered', async (_, value) => {
    const headers: Record<string, string> = value === undefined ? {} : { 'retry-after': value }
    serve(async () => new Response(null, { status: 503, headers }))
    expect(retryAfterMs(await failure(ask()))).toBeUndefined()
  })

  it('retryAfterMs knows nothing of other errors', () => {
    expect(retryAfterMs(new CallsSessionError('TOKEN_ENDPOINT_ERROR'))).toBeUndefined()
    expect(retryAfterMs({})).toBeUndefined()
  })

  it('a body that is not JSON is INVALID_TOKEN_RESPONSE, without quoting it', async () => {
    serve(async () => new Response(`token=${GRANT.authToken}`, { status: 200 }))
    const error = await failure(ask())
    expect(error).toMatchObject({
      code: 'INVALID_TOKEN_RESPONSE',
      status: 200,
      message: 'Token answer: not JSON',
    })
    expect(error.cause).toBeUndefined()
  })

  it('a fetch that rejects is NETWORK_ERROR, with the cause', async () => {
    const cause = new TypeError('Failed to fetch')
    serve(() => Promise.reject(cause))
    const error = await failure(ask())
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', message: 'NETWORK_ERROR' })
    expect(error.cause).toBe(cause)
  })

  it('a body that fails to read is NETWORK_ERROR', async () => {
    const response = new Response('{}')
    vi.spyOn(response, 'text').mockRejectedValue(new TypeError('terminated'))
    serve(async () => response)
    expect(await failure(ask())).toMatchObject({ code: 'NETWORK_ERROR' })
  })

  it('a network-error response is NETWORK_ERROR', async () => {
    serve(async () => Response.error())
    const error = await failure(ask())
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: undefined })
  })

  it('a response of type "error" is NETWORK_ERROR, whatever its status says', async () => {
    const response = Response.json(GRANT)
    Object.defineProperty(response, 'type', { value: 'error' })
    serve(async () => response)
    expect(await failure(ask())).toMatchObject({ code: 'NETWORK_ERROR' })
  })

  it('a status-0 response is NETWORK_ERROR', async () => {
    const response = new Response('{}')
    Object.defineProperty(response, 'status', { value: 0 })
    serve(async () => response)
    expect(await failure(ask())).toMatchObject({ code: 'NETWORK_ERROR' })
  })

  it('times out after exactly timeoutMs', async () => {
    vi.useFakeTimers()
    serve(hang)
    const outcome = failure(ask(undefined, 2_000))
    await vi.advanceTimersByTimeAsync(1_999)
    let settled = false
    void outcome.then(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(0)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const error = await outcome
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'TIMEOUT' })
    expect(error.cause).toBeInstanceOf(DOMException)
  })

  it('the caller aborting is ABORTED, not a timeout or network error', async () => {
    vi.useFakeTimers()
    serve(hang)
    const caller = new AbortController()
    const outcome = failure(ask(caller.signal, 2_000))
    caller.abort()
    const error = await outcome
    expect(error).toMatchObject({ code: 'ABORTED', message: 'ABORTED' })
    expect(error.cause).toBeUndefined()
  })

  it('leaves no timer and no abort listener behind', async () => {
    vi.useFakeTimers()
    serve(async () => Response.json(GRANT))
    const caller = new AbortController()
    const added = vi.spyOn(caller.signal, 'addEventListener')
    const removed = vi.spyOn(caller.signal, 'removeEventListener')
    await ask(caller.signal, 2_000)
    expect(vi.getTimerCount()).toBe(0)
    expect(added).toHaveBeenCalledOnce()
    expect(removed).toHaveBeenCalledWith('abort', added.mock.calls[0]?.[1])
  })

  it('the caller aborting after the answer changes nothing', async () => {
    const fetch = serve(async () => Response.json(GRANT))
    const caller = new AbortController()
    await ask(caller.signal)
    caller.abort()
    expect(fetch.mock.calls[0]?.[1]?.signal?.aborted).toBe(false)
  })
})

describe('serverClock', () => {
  it('reads epoch ms and HTTP dates', () => {
    expect(serverClock(1_700_000_000_000)).toBe(1_700_000_000_000)
    expect(serverClock(0)).toBe(0)
    expect(serverClock('Tue, 14 Nov 2023 22:13:20 GMT')).toBe(1_700_000_000_000)
    expect(serverClock('2023-11-14T22:13:20.000Z')).toBe(1_700_000_000_000)
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['garbage', 'yesterday'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a Date object', new Date(0)],
  ])('is undefined for %s', (_, value) => {
    expect(serverClock(value)).toBeUndefined()
  })
})
