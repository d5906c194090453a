import { onlineManager } from '@tanstack/query-core'
import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import { loginWithAuthKey, simulateTokenRejection } from '../dev.js'
import type { CallsSessionEvent } from '../index.js'

// What the dev entry reaches inside a session: a simulated CometChat refusal (one fresh token,
// swapped in) and the take-over of a session the v5 SDK signed in by itself with the Auth Key.
// The v5 model over HTTP against the emulator; the token endpoint over msw.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  destroySessions()
  onlineManager.setOnline(true)
  await cometchat.reset()
})

const types = (events: CallsSessionEvent[]) => events.map((e) => e.type)

describe('simulateTokenRejection', () => {
  it('signed out: NOT_AUTHENTICATED, and no token request', async () => {
    const { session, events } = openSession(cometchat)
    await expect(simulateTokenRejection(session)).rejects.toMatchObject({
      code: 'NOT_AUTHENTICATED',
    })
    expect(cometchat.requests).toEqual([])
    expect(events).toEqual([])
  })

  it('signed in: announces the refusal and swaps in one fresh token from the app server', async () => {
    const { session, sdk, events } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const before = events.length
    await simulateTokenRejection(session)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(sdk.getUserAuthToken()).toBe(cometchat.issued.at(-1))
    expect(types(events.slice(before))).toEqual([
      'TOKEN_REJECTED_BY_COMETCHAT',
      'TOKEN_FETCHED',
      'REFRESH_SCHEDULED',
      'TOKEN_REFRESHED',
    ])
    expect(events[before]).toMatchObject({ uid: 'alice' })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })

  it('two at once share one fresh token', async () => {
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    await Promise.all([simulateTokenRejection(session), simulateTokenRejection(session)])
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
  })
})

describe('an Auth-Key sign-in taken over from the v5 SDK', () => {
  it('shows the user signed in with a token, with no expiry of ours', async () => {
    const { session, events } = openSession(cometchat)
    await loginWithAuthKey(session, { uid: 'alice', authKey: cometchat.emulator.authKey })
    expect(session.getState()).toEqual({
      status: 'authenticated',
      user: { uid: 'alice', name: 'Alice' },
    })
    const signedIn = events.filter((e) => e.type === 'SIGNED_IN')
    expect(signedIn).toEqual([
      { type: 'SIGNED_IN', source: 'token', uid: 'alice', at: expect.any(Number) },
    ])
  })

  it('a wake-up after a transient failure signs that same user in again, never whoever the server says', async () => {
    const { session } = openSession(cometchat, { tokenRetries: 0 })
    const release = session.retain()
    await loginWithAuthKey(session, { uid: 'alice', authKey: cometchat.emulator.authKey })
    // CometChat refuses the token and the app server is unreachable: a transient error.
    cometchat.answerNext(() => HttpResponse.error())
    await expect(simulateTokenRejection(session)).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    })
    expect(session.getState()).toMatchObject({ status: 'error' })
    // Back online, the app server now answers for bob: the retry asks for alice, so it refuses.
    cometchat.signIn('bob')
    const settled = new Promise<void>((resolve) => {
      const stop = session.subscribe((state) => {
        if (state.status === 'error' || state.status === 'authenticated') {
          stop()
          resolve()
        }
      })
    })
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    await settled
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'UID_MISMATCH' } })
    release()
  })
})
