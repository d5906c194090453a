import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Answer, type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'

// The real @cometchat/calls-sdk-javascript 4.2.6 (what the registry serves) against the
// emulator over HTTP: tokens are real emulator tokens, revoked at the emulator.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  destroySessions()
  await cometchat.reset()
})

/** A token endpoint answer for `uid` whose token CometChat no longer knows (minted, then revoked). */
const revoked =
  (uid: string): Answer =>
  async ({ mint }) => {
    const grant = await mint(uid)
    await cometchat.revokeTokens(uid)
    return HttpResponse.json(grant)
  }

describe('with the real @cometchat/calls-sdk-javascript 4.2.6', () => {
  it('logs in through the SDK, generates call tokens, and recovers from a revoked token once', async () => {
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    await expect(session.generateCallToken('room-1')).resolves.toMatch(/\S+/)
    await cometchat.revokeTokens('alice')
    await expect(session.generateCallToken('room-2')).resolves.toMatch(/\S+/)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    // Revoked again, and the next fresh token is refused too: TOKEN_REJECTED, no loop.
    await cometchat.revokeTokens('alice')
    cometchat.answerNext(revoked('alice'))
    await expect(session.generateCallToken('room-3')).rejects.toMatchObject({
      code: 'TOKEN_REJECTED',
    })
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'TOKEN_REJECTED' } })
    expect(cometchat.requests).toHaveLength(3)
  })

  it('a token CometChat refuses at login is TOKEN_REJECTED after one fresh try', async () => {
    cometchat.signIn('bob')
    cometchat.answerNext(revoked('bob'), revoked('bob'))
    const { session } = openSession(cometchat, cometchat.realSdkV4())
    await expect(session.login({ uid: 'bob' })).rejects.toMatchObject({ code: 'TOKEN_REJECTED' })
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(await cometchat.count('POST /calls/v3.0/call_tokens')).toBe(2)
  })
})
