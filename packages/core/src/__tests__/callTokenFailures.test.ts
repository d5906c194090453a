import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import { isCallsSessionError } from '../index.js'

// generateCallToken's input and the failures that are not CometChat refusing the token: those
// never cost a token request and never sign the user out. The real 4.2.6 SDK over HTTP against
// the emulator (it passes CometChat's error codes through; v5 reports every server refusal of a
// call token alike), with the emulator's injected faults on its call-token route.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  destroySessions()
  await cometchat.emulator.control('DELETE', 'faults')
  await cometchat.reset()
})

const CALL_TOKENS = 'POST /calls/v3.0/call_tokens'
const serverFault = () =>
  cometchat.emulator.control('POST', 'faults', { route: CALL_TOKENS, status: 500, times: 1 })

describe('generateCallToken', () => {
  it('refuses a missing or non-string sessionId with a TypeError, before any request', async () => {
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    await session.login({ uid: 'alice' })
    const calls = await cometchat.count(CALL_TOKENS)
    for (const bad of ['', 42, null, undefined, { id: 'room' }]) {
      await expect(session.generateCallToken(bad as string)).rejects.toThrow(
        new TypeError('callsession: sessionId must be a non-empty string'),
      )
    }
    expect(await cometchat.count(CALL_TOKENS)).toBe(calls)
    expect(cometchat.requests).toHaveLength(1)
    expect(session.getState().status).toBe('authenticated')
  })

  it('a CometChat server error is passed on as is: no new token, still signed in', async () => {
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    await session.login({ uid: 'alice' })
    await serverFault()
    const error = await session.generateCallToken('room').catch((caught: unknown) => caught)
    expect(isCallsSessionError(error) && error.code).toBe('SDK_ERROR')
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login'])
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
  })

  it('a server error on the retry after a refusal fails that call but keeps the new token', async () => {
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    await session.login({ uid: 'alice' })
    await cometchat.revokeTokens('alice')
    // The fresh token is fetched after CometChat refused the old one; its retry then hits a 500.
    cometchat.answerNext(async ({ mint }) => {
      await serverFault()
      return HttpResponse.json(await mint('alice'))
    })
    const error = await session.generateCallToken('room').catch((caught: unknown) => caught)
    expect(isCallsSessionError(error) && error.code).toBe('SDK_ERROR')
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    // The next call uses the new token as is: no further token request.
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
    expect(cometchat.requests).toHaveLength(2)
  })
})
