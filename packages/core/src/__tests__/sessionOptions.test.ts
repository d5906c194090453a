import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { type CallsSession, type CallsSessionOptions, createCallsSession } from '../index.js'

// Issue 16: autoRefresh, configurable retries and timeout, and the debug option.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat({ lifetimeSeconds: 600 })
}, 60_000)
afterAll(() => cometchat.close())
const sessions: CallsSession[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const session of sessions.splice(0)) await session.logout().finally(() => session.destroy())
  await cometchat.reset()
})

function open(options: Partial<CallsSessionOptions> = {}) {
  const session = createCallsSession({ ...cometchat.realSdkV4(), ...options })
  sessions.push(session)
  return session
}

describe('session options', () => {
  it('autoRefresh: false schedules no refresh; a refused token is still replaced once', async () => {
    const session = open({ autoRefresh: false })
    const scheduled: unknown[] = []
    session.on((event) => event.type === 'REFRESH_SCHEDULED' && scheduled.push(event))
    await session.login({ uid: 'alice' })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(scheduled).toEqual([])
    expect(cometchat.requests).toHaveLength(1)
    vi.useRealTimers()
    await cometchat.revokeTokens('alice')
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
  })

  it('autoRefresh: false does not retry a failed refresh() on its own while the token has an expiry', async () => {
    const session = open({ autoRefresh: false, tokenRetries: 0 })
    const failed: unknown[] = []
    session.on((event) => event.type === 'REFRESH_FAILED_KEEPING_TOKEN' && failed.push(event))
    await session.login({ uid: 'alice' })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    cometchat.answerNext(() => HttpResponse.error())
    await expect(session.refresh()).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(failed).toHaveLength(1)
    expect(session.getState().status).toBe('authenticated')
    await vi.advanceTimersByTimeAsync(500_000)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh'])
  })

  it('autoRefresh: false still retries a failed refresh() of a token with no expiry, backing off', async () => {
    const { tokenEndpoint: _, ...real } = cometchat.realSdkV4()
    const grant = await cometchat.mintGrant('alice')
    let calls = 0
    const session = open({
      ...real,
      tokenEndpoint: undefined,
      autoRefresh: false,
      tokenRetries: 0,
      fetchToken: async () => {
        calls++
        if (calls === 2) throw new Error('server down')
        return grant
      },
    })
    await session.login({ uid: 'alice' })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    await expect(session.refresh()).rejects.toBeDefined()
    await vi.advanceTimersByTimeAsync(4_999)
    expect(calls).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(calls).toBe(3))
    expect(session.getState().status).toBe('authenticated')
  })

  it('tokenRetries sets how often a failing token request is tried again', async () => {
    const fail = () => new HttpResponse(null, { status: 503 })
    cometchat.answerNext(fail, fail, fail, fail, fail)
    const session = open({ tokenRetries: 1 })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const outcome = session.login({ uid: 'alice' }).catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await outcome).toMatchObject({ code: 'TOKEN_ENDPOINT_ERROR', status: 503 })
    expect(cometchat.requests).toHaveLength(2)
  })

  it('tokenTimeoutMs sets when one token request gives up', async () => {
    cometchat.answerNext(() => new Promise<Response>(() => {}))
    const session = open({ tokenRetries: 0, tokenTimeoutMs: 2_000 })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const outcome = session.login({ uid: 'alice' }).catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1_999)
    expect(session.getState().status).toBe('authenticating')
    await vi.advanceTimersByTimeAsync(1)
    expect(await outcome).toMatchObject({ code: 'TIMEOUT' })
  })

  it('tokenRetries and tokenTimeoutMs must be sensible numbers', () => {
    for (const bad of [
      { tokenRetries: -1 },
      { tokenTimeoutMs: 0 },
      { tokenTimeoutMs: Number.NaN },
    ]) {
      expect(() => open(bad)).toThrow(TypeError)
    }
  })

  it('debug logs every event with console.debug in development, never a token', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const session = open({ debug: true })
    await session.login({ uid: 'alice' })
    const ours = debug.mock.calls.filter((call) => call[0] === '[callsession]')
    expect(ours.map((call) => call[1])).toEqual(
      expect.arrayContaining(['TOKEN_FETCHED', 'SIGNED_IN', 'REFRESH_SCHEDULED']),
    )
    const text = JSON.stringify(debug.mock.calls)
    for (const token of cometchat.issued) expect(text).not.toContain(token)
  })

  it('debug logs nothing in a production build', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const session = open({ debug: true })
    await session.login({ uid: 'alice' })
    expect(debug.mock.calls.filter((call) => call[0] === '[callsession]')).toEqual([])
  })
})
