import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { type CallsSession, type CallsSessionOptions, createCallsSession } from '../index.js'

// Issue 12, items 4, 7, 8, 9 and 12: a step of a superseded generation never lands, whichever
// step it is. The v5 model over HTTP against the emulator; SDK requests are held at the wire.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
const sessions: CallsSession[] = []
afterEach(async () => {
  // Signed out first and awaited: no request of this test may reach the next one's wire log.
  for (const session of sessions.splice(0)) await session.logout().finally(() => session.destroy())
  await cometchat.reset()
})

function open(options: Partial<CallsSessionOptions> = {}) {
  const sdk = cometchat.createSdk()
  const session = createCallsSession({ ...cometchat.options, sdk, ...options })
  sessions.push(session)
  return { session, sdk }
}

describe('a superseded step cannot land', () => {
  it('a call token is never one for the previous user (checked after the SDK answers)', async () => {
    const { session } = open()
    await session.login({ uid: 'alice' })
    const wire = cometchat.holdAt('POST', '/call_tokens')
    const callToken = session.generateCallToken('meeting-9')
    await wire.reached
    cometchat.signIn('bob')
    const switched = session.login({ uid: 'bob' })
    wire.release()
    await expect(callToken).rejects.toMatchObject({ code: 'ABORTED' })
    await expect(switched).resolves.toMatchObject({ uid: 'bob' })
  })

  it('login() with no uid never adopts a restored SDK user the server has not confirmed', async () => {
    await open().session.login({ uid: 'alice' }) // the SDK saved alice
    cometchat.signIn('bob') // meanwhile the app signed bob in
    cometchat.requests.length = 0
    const { session, sdk } = open() // a reload
    await expect(session.login()).resolves.toMatchObject({ uid: 'bob' })
    expect(cometchat.requests).toHaveLength(1)
    expect(sdk.getLoggedInUser()?.uid).toBe('bob')
  })

  it('login() records its target as syncUser does: syncUser converges back after a login of another uid', async () => {
    const { session } = open()
    await session.syncUser('alice')
    cometchat.signIn('bob')
    await session.login({ uid: 'bob' })
    cometchat.signIn('alice')
    await session.syncUser('alice') // the provider's uid never changed; the session must follow it
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })

  it('a destroyed session stays dead: a subscriber calling login during destroy cannot revive it', async () => {
    const { session } = open()
    await session.login({ uid: 'alice' })
    const revived: Promise<unknown>[] = []
    session.subscribe((state) => {
      if (state.status === 'signed-out') revived.push(session.login({ uid: 'alice' }))
    })
    cometchat.requests.length = 0
    session.destroy()
    expect(revived).toHaveLength(1)
    await expect(revived[0]).rejects.toMatchObject({ code: 'DESTROYED' })
    expect(session.getState().status).toBe('signed-out')
    expect(cometchat.requests).toHaveLength(0)
  })

  it('a refresh() and a logout() in the same tick send no token request', async () => {
    const { session } = open()
    await session.login({ uid: 'alice' })
    cometchat.requests.length = 0
    const refresh = session.refresh().catch((error: unknown) => error)
    await session.logout()
    expect(await refresh).toMatchObject({ code: 'ABORTED' })
    expect(cometchat.requests).toHaveLength(0)
    expect(session.getState().status).toBe('signed-out')
  })

  it('an invalid uid passed to login while signed in leaves the valid session untouched', async () => {
    const { session } = open()
    const user = await session.login({ uid: 'alice' })
    const before = session.getState()
    await expect(session.login({ uid: 'not a uid!' })).rejects.toMatchObject({
      code: 'INVALID_UID',
    })
    expect(session.getState()).toBe(before)
    await expect(session.login({ uid: 'alice' })).resolves.toBe(user)
    expect(await cometchat.count('DELETE /v3.0/me')).toBe(0)
  })

  it('a login superseded while the SDK signs in is undone, and the newer user wins', async () => {
    const { session, sdk } = open()
    const wire = cometchat.holdAt('PUT', '/me')
    const first = session.login({ uid: 'alice' })
    await wire.reached
    cometchat.signIn('bob')
    const second = session.login({ uid: 'bob' })
    wire.release()
    await expect(first).rejects.toMatchObject({ code: 'ABORTED' })
    await expect(second).resolves.toMatchObject({ uid: 'bob' })
    expect(sdk.getLoggedInUser()?.uid).toBe('bob')
  })

  it('a token endpoint answer for the old user after a switch is UID_MISMATCH, never adopted', async () => {
    const { session } = open()
    cometchat.answerNext(async ({ mint }) => HttpResponse.json(await mint('alice')))
    await expect(session.login({ uid: 'bob' })).rejects.toMatchObject({ code: 'UID_MISMATCH' })
    expect(session.getState().status).toBe('error')
  })
})
