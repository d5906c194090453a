import { delay, HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { openSession } from '../../test/openSession.js'
import { createTokenServer } from '../../test/tokenServer.js'

const tokens = createTokenServer()
beforeAll(() => tokens.listen())
afterAll(() => tokens.close())
afterEach(() => {
  tokens.reset()
  vi.useRealTimers()
})

/** Runs `login` to completion on fake timers (retries back off on the fake clock). */
async function loginOnFakeClock(uid = 'alice') {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  const { session, sdk, statuses } = openSession()
  const outcome = session.login({ uid }).then(
    (user) => ({ user, error: undefined }),
    (error: unknown) => ({ user: undefined, error }),
  )
  // Long enough for every retry and timeout, well short of the proactive refresh (an hour in).
  await vi.advanceTimersByTimeAsync(120_000)
  const result = await outcome
  return { ...result, session, sdk, statuses }
}

describe('token endpoint faults', () => {
  beforeEach(() => tokens.reset())

  it.each([401, 403])('%i is UNAUTHORIZED at once: no retry, no SDK login', async (status) => {
    tokens.answerNext(() => HttpResponse.json({ error: { code: 'UNAUTHORIZED' } }, { status }))
    const { error, sdk, session } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status })
    expect(tokens.requests).toHaveLength(1)
    expect(sdk.fake.calls.login).toBeUndefined()
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UNAUTHORIZED' } })
  })

  it('404 is TOKEN_ENDPOINT_ERROR without retries (a wrong URL does not get better)', async () => {
    tokens.answerNext(() => new HttpResponse('Not Found', { status: 404 }))
    const { error } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'TOKEN_ENDPOINT_ERROR', status: 404 })
    expect(tokens.requests).toHaveLength(1)
  })

  it('500 is retried with backoff, then succeeds', async () => {
    const fail = () => new HttpResponse(null, { status: 500 })
    tokens.answerNext(fail, fail)
    const { user, statuses } = await loginOnFakeClock()
    expect(user).toMatchObject({ uid: 'alice' })
    expect(tokens.requests).toHaveLength(3)
    expect(statuses()).toEqual(['authenticating', 'authenticated'])
  })

  it('500 forever ends as TOKEN_ENDPOINT_ERROR after 4 attempts', async () => {
    const fail = () => new HttpResponse(null, { status: 503 })
    tokens.answerNext(fail, fail, fail, fail, fail)
    const { error } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'TOKEN_ENDPOINT_ERROR', status: 503 })
    expect(tokens.requests).toHaveLength(4)
  })

  it('429 waits what Retry-After asks before trying again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    tokens.answerNext(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '7' } }),
    )
    const { session } = openSession()
    const login = session.login({ uid: 'alice' })
    await vi.advanceTimersByTimeAsync(6_900)
    expect(tokens.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    await expect(login).resolves.toMatchObject({ uid: 'alice' })
    expect(tokens.requests).toHaveLength(2)
  })

  it('a hung endpoint times out (TIMEOUT) after its retries', async () => {
    const hang = async () => {
      await delay('infinite')
      return new HttpResponse(null)
    }
    tokens.answerNext(hang, hang, hang, hang)
    const { error, session } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'TIMEOUT' })
    expect(tokens.requests).toHaveLength(4)
    expect(session.getState().status).toBe('error')
  })

  it('a network failure is NETWORK_ERROR after its retries', async () => {
    const down = () => HttpResponse.error()
    tokens.answerNext(down, down, down, down)
    const { error } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'NETWORK_ERROR' })
  })

  it.each([
    ['HTML instead of JSON', () => HttpResponse.html('<html><body>Sign in</body></html>')],
    ['an empty body', () => new HttpResponse('', { status: 200 })],
    ['truncated JSON', () => new HttpResponse('{"uid":"alice","authTo', { status: 200 })],
    ['malformed JSON', () => new HttpResponse('{uid: alice}', { status: 200 })],
    ['a JSON array', () => HttpResponse.json([{ uid: 'alice', authToken: 'alice_1' }])],
    ['no authToken', () => HttpResponse.json({ uid: 'alice', expiresIn: 600 })],
    ['an empty authToken', () => HttpResponse.json({ uid: 'alice', authToken: '' })],
    ['a numeric authToken', () => HttpResponse.json({ uid: 'alice', authToken: 42 })],
    ['no uid', () => HttpResponse.json({ authToken: 'alice_1' })],
    ['an invalid uid', () => HttpResponse.json({ uid: '../x', authToken: 'x_1' })],
    [
      'a string expiresIn',
      () => HttpResponse.json({ uid: 'alice', authToken: 'a_1', expiresIn: '9' }),
    ],
    [
      'a garbage expiresAt',
      () => HttpResponse.json({ uid: 'alice', authToken: 'a_1', expiresAt: 'soon' }),
    ],
    [
      'an expired grant',
      () => HttpResponse.json({ uid: 'alice', authToken: 'a_1', expiresIn: -5 }),
    ],
    [
      'a user of another uid',
      () => HttpResponse.json({ uid: 'alice', authToken: 'a_1', user: { uid: 'bob' } }),
    ],
  ])('%s is INVALID_TOKEN_RESPONSE, never a crash or a half login', async (_, answer) => {
    tokens.answerNext(answer)
    const { error, sdk, session } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'INVALID_TOKEN_RESPONSE' })
    expect(tokens.requests).toHaveLength(1)
    expect(sdk.fake.calls.login).toBeUndefined()
    expect(session.getState()).toMatchObject({ status: 'error' })
  })

  it('a grant for another uid is UID_MISMATCH', async () => {
    tokens.signIn('bob')
    const { error } = await loginOnFakeClock('alice')
    expect(error).toMatchObject({ code: 'UID_MISMATCH' })
  })

  it('corrects an absolute expiresAt by the server clock (Date header): skew does not matter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(new Date('2026-01-01T12:00:00Z'))
    // The server's clock is 10 minutes ahead; its token lives 15 minutes from its own now.
    const serverNow = Date.parse('2026-01-01T12:10:00Z')
    tokens.answerNext(() =>
      HttpResponse.json(
        { uid: 'alice', authToken: 'alice_1', expiresAt: (serverNow + 15 * 60_000) / 1000 },
        { headers: { date: new Date(serverNow).toUTCString() } },
      ),
    )
    const { session } = openSession()
    await session.login({ uid: 'alice' })
    const state = session.getState()
    expect(state.status === 'authenticated' && state.expiresAt).toBe(Date.now() + 15 * 60_000)
  })
})
