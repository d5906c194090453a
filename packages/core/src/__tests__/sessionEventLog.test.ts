import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Answer, type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import type { CallsSessionEvent } from '../index.js'

// What `session.on` tells an app (analytics, logs, devtools): which events, in which order, about
// which user. The v5 model over HTTP against the emulator; the token endpoint over msw.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat({ lifetimeSeconds: 600 })
})
afterAll(() => cometchat.close())
afterEach(async () => {
  vi.useRealTimers()
  destroySessions()
  await cometchat.reset()
})

/** The events without their timestamps (`at`), which the assertions do not pin. */
const log = (events: CallsSessionEvent[]) =>
  events.map(({ at: _, ...event }) => ('durationMs' in event ? { ...event, durationMs: 0 } : event))

const revokedGrant: Answer = async ({ mint }) => {
  const grant = await mint('alice')
  await cometchat.revokeTokens('alice')
  return HttpResponse.json(grant)
}

describe('session events', () => {
  it('a sign-in: the token fetched, the refresh scheduled, signed in with a token', async () => {
    const { session, events } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const state = session.getState()
    const expiresAt = state.status === 'authenticated' ? state.expiresAt : undefined
    expect(log(events)).toEqual([
      { type: 'TOKEN_FETCHED', reason: 'login', durationMs: 0, attempt: 1, uid: 'alice' },
      { type: 'REFRESH_SCHEDULED', dueAt: (expiresAt ?? 0) - 60_000, uid: 'alice' },
      { type: 'SIGNED_IN', source: 'token', uid: 'alice' },
    ])
  })

  it('TOKEN_FETCHED measures how long the token request took', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const grant = await cometchat.mintGrant('alice')
    const { session, events } = openSession(cometchat, {
      fetchToken: async () => {
        vi.setSystemTime(Date.now() + 1_500) // the app's server took 1.5 s
        return grant
      },
    })
    await session.login({ uid: 'alice' })
    expect(events.find((e) => e.type === 'TOKEN_FETCHED')).toMatchObject({ durationMs: 1_500 })
  })

  it('a token CometChat refuses at sign-in: the refusal, then one more token for the same user', async () => {
    cometchat.answerNext(revokedGrant)
    const { session, events } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    expect(log(events).map(({ type, ...rest }) => [type, rest])).toEqual([
      ['TOKEN_FETCHED', { reason: 'login', durationMs: 0, attempt: 1, uid: 'alice' }],
      ['TOKEN_REJECTED_BY_COMETCHAT', { uid: 'alice' }],
      ['TOKEN_FETCHED', { reason: 'rejected', durationMs: 0, attempt: 1, uid: 'alice' }],
      ['REFRESH_SCHEDULED', expect.objectContaining({ uid: 'alice' })],
      ['SIGNED_IN', { source: 'token', uid: 'alice' }],
    ])
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })

  it('a sign-in the server refuses is an ERROR about the user who was signing in', async () => {
    cometchat.signIn(null)
    const { session, events } = openSession(cometchat)
    await expect(session.login({ uid: 'alice' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(log(events)).toEqual([
      { type: 'ERROR', error: expect.objectContaining({ code: 'UNAUTHORIZED' }), uid: 'alice' },
    ])
  })

  it('SIGNED_OUT says why, once: the user (logout, syncUser(null)) or destroy', async () => {
    const first = openSession(cometchat)
    await first.session.login({ uid: 'alice' })
    await first.session.logout()
    await first.session.syncUser('alice')
    await first.session.syncUser(null)
    await first.session.syncUser(null) // already there: nothing to do
    const second = openSession(cometchat)
    await second.session.login({ uid: 'alice' })
    second.session.destroy()
    second.session.destroy() // once is enough
    await expect(second.session.syncUser('alice')).resolves.toBeUndefined()
    const signedOut = (events: CallsSessionEvent[]) =>
      log(events).filter((e) => e.type === 'SIGNED_OUT')
    expect(signedOut(first.events)).toEqual([
      { type: 'SIGNED_OUT', reason: 'user', uid: 'alice' },
      { type: 'SIGNED_OUT', reason: 'user', uid: 'alice' },
    ])
    expect(signedOut(second.events)).toEqual([
      { type: 'SIGNED_OUT', reason: 'destroyed', uid: 'alice' },
    ])
  })
})
