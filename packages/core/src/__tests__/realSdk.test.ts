import { CometChatCalls } from '@cometchat/calls-sdk-javascript'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCallsSession } from '../index.js'
import type { CometChatCallsSdk } from '../sdk/sdkTypes.js'

// Plays CometChat's calls API exactly as 4.2.6 calls it (see COMETCHAT.md); the emulator suite
// drives the same SDK against the real emulator over HTTP.
const HOST = 'http://calls.test/v3.0/'
const revoked = new Set<string>()
const seen: { authToken: string | null; sessionId: unknown }[] = []
const cometchat = setupServer(
  http.post(`${HOST}call_tokens`, async ({ request }) => {
    const authToken = request.headers.get('authToken')
    const body = (await request.json()) as { sessionId?: unknown }
    seen.push({ authToken, sessionId: body.sessionId })
    if (!authToken || revoked.has(authToken)) {
      return HttpResponse.json(
        { error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: 'Auth token not found.' } },
        { status: 401 },
      )
    }
    return HttpResponse.json({ data: { token: `call-token-for-${body.sessionId}` } })
  }),
)
beforeAll(() => cometchat.listen({ onUnhandledRequest: 'bypass' }))
afterAll(() => cometchat.close())

describe('with the real @cometchat/calls-sdk-javascript 4.2.6', () => {
  it('logs in through the SDK, generates call tokens, and refreshes a revoked token', async () => {
    let issued = 0
    const session = createCallsSession({
      appId: 'app',
      region: 'us',
      host: HOST,
      sdk: CometChatCalls as unknown as CometChatCallsSdk,
      fetchToken: async () => ({
        uid: 'alice',
        authToken: `alice_real${++issued}`,
        expiresIn: 600,
      }),
    })
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(seen[0]).toMatchObject({ authToken: 'alice_real1' })
    await expect(session.generateCallToken('room-1')).resolves.toBe('call-token-for-room-1')
    revoked.add('alice_real1')
    await expect(session.generateCallToken('room-2')).resolves.toBe('call-token-for-room-2')
    expect(seen.at(-1)).toEqual({ authToken: 'alice_real2', sessionId: 'room-2' })
    revoked.add('alice_real2')
    revoked.add('alice_real3')
    await expect(session.generateCallToken('room-3')).rejects.toMatchObject({
      code: 'TOKEN_REJECTED',
    })
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'TOKEN_REJECTED' } })
    session.destroy()
  })

  it('a token CometChat refuses at login is TOKEN_REJECTED after one fresh try', async () => {
    revoked.add('bob_real1')
    revoked.add('bob_real2')
    let issued = 0
    const session = createCallsSession({
      appId: 'app',
      region: 'us',
      host: HOST,
      sdk: CometChatCalls as unknown as CometChatCallsSdk,
      fetchToken: async () => ({ uid: 'bob', authToken: `bob_real${++issued}` }),
    })
    await expect(session.login({ uid: 'bob' })).rejects.toMatchObject({ code: 'TOKEN_REJECTED' })
    expect(issued).toBe(2)
    session.destroy()
  })
})
