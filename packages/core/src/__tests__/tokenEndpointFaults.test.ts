import { delay, HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'

// The app's token endpoint failing every way it can (msw plays the faults; good answers carry
// real emulator tokens), with the v5 model over HTTP against the emulator: a fault never reaches
// CometChat (no PUT /me) and never leaves a half login.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  vi.useRealTimers()
  destroySessions()
  await cometchat.reset()
})

/**
 * Runs `login` to completion with retries backing off on the fake clock: long enough for every
 * retry and timeout, well short of the proactive refresh (an hour in). A good answer then goes to
 * CometChat over real HTTP, which the outcome waits for.
 */
async function loginOnFakeClock(uid = 'alice') {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  const { session, sdk, statuses } = openSession(cometchat)
  const outcome = session.login({ uid }).then(
    (user) => ({ user, error: undefined }),
    (error: unknown) => ({ user: undefined, error }),
  )
  await vi.advanceTimersByTimeAsync(120_000)
  const result = await outcome
  return { ...result, session, sdk, statuses }
}

const sdkLogins = () => cometchat.count('PUT /v3.0/me')

describe('token endpoint faults', () => {
  it.each([401, 403])('%i is UNAUTHORIZED at once: no retry, no SDK login', async (status) => {
    cometchat.answerNext(() => HttpResponse.json({ error: { code: 'UNAUTHORIZED' } }, { status }))
    const { error, sdk, session } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status })
    expect(cometchat.requests).toHaveLength(1)
    expect(await sdkLogins()).toBe(0)
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UNAUTHORIZED' } })
  })

  it('404 is TOKEN_ENDPOINT_ERROR without retries (a wrong URL does not get better)', async () => {
    cometchat.answerNext(() => new HttpResponse('Not Found', { status: 404 }))
    const { error } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'TOKEN_ENDPOINT_ERROR', status: 404 })
    expect(cometchat.requests).toHaveLength(1)
  })

  it('500 is retried with backoff, then succeeds', async () => {
    const fail = () => new HttpResponse(null, { status: 500 })
    cometchat.answerNext(fail, fail)
    const { user, statuses } = await loginOnFakeClock()
    expect(user).toMatchObject({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(3)
    expect(await sdkLogins()).toBe(1)
    expect(statuses()).toEqual(['authenticating', 'authenticated'])
  })

  it('500 forever ends as TOKEN_ENDPOINT_ERROR after 4 attempts', async () => {
    const fail = () => new HttpResponse(null, { status: 503 })
    cometchat.answerNext(fail, fail, fail, fail, fail)
    const { error } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'TOKEN_ENDPOINT_ERROR', status: 503 })
    expect(cometchat.requests).toHaveLength(4)
  })

  it('429 waits what Retry-After asks before trying again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    cometchat.answerNext(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '7' } }),
    )
    const { session } = openSession(cometchat)
    const login = session.login({ uid: 'alice' })
    await vi.advanceTimersByTimeAsync(6_900)
    expect(cometchat.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    await expect(login).resolves.toMatchObject({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(2)
  })

  it('a hung endpoint times out (TIMEOUT) after its retries', async () => {
    const hang = async () => {
      await delay('infinite')
      return new HttpResponse(null)
    }
    cometchat.answerNext(hang, hang, hang, hang)
    const { error, session } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'TIMEOUT' })
    expect(cometchat.requests).toHaveLength(4)
    expect(session.getState().status).toBe('error')
  })

  it('a network failure is NETWORK_ERROR after its retries', async () => {
    const down = () => HttpResponse.error()
    cometchat.answerNext(down, down, down, down)
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
    cometchat.answerNext(answer)
    const { error, sdk, session } = await loginOnFakeClock()
    expect(error).toMatchObject({ code: 'INVALID_TOKEN_RESPONSE' })
    expect(cometchat.requests).toHaveLength(1)
    expect(await sdkLogins()).toBe(0)
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(session.getState()).toMatchObject({ status: 'error' })
  })

  it('a grant for another uid is UID_MISMATCH', async () => {
    cometchat.signIn('bob')
    const { error } = await loginOnFakeClock('alice')
    expect(error).toMatchObject({ code: 'UID_MISMATCH' })
  })

  it('corrects an absolute expiresAt by the server clock (Date header): skew does not matter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(new Date('2026-01-01T12:00:00Z'))
    // The server's clock is 10 minutes ahead; its token lives 15 minutes from its own now.
    const serverNow = Date.parse('2026-01-01T12:10:00Z')
    cometchat.answerNext(async ({ mint }) => {
      const { expiresIn: _, ...grant } = await mint('alice')
      return HttpResponse.json(
        { ...grant, expiresAt: (serverNow + 15 * 60_000) / 1000 },
        { headers: { date: new Date(serverNow).toUTCString() } },
      )
    })
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const state = session.getState()
    expect(state.status === 'authenticated' && state.expiresAt).toBe(Date.now() + 15 * 60_000)
  })
})
