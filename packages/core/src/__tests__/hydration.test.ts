import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { type CallsSession, type CallsSessionState, createCallsSession } from '../index.js'

// Issue 16: SSR hydration. The server-rendered state shows at once, carries no token, and nothing
// acts on it until a sign-in confirmed it.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
const sessions: CallsSession[] = []
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.logout().finally(() => session.destroy())
  await cometchat.reset()
})

const alice = { uid: 'alice', name: 'Alice' }

function open(initialState: Parameters<typeof createCallsSession>[0]['initialState']) {
  const session = createCallsSession({
    ...cometchat.options,
    sdk: cometchat.createSdk(),
    initialState,
  })
  sessions.push(session)
  const states: CallsSessionState[] = []
  session.subscribe((state) => states.push(state))
  return { session, states }
}

describe('SSR hydration (initialState)', () => {
  it('shows the hydrated user at once and confirms it without a flash of authenticating', async () => {
    const { session, states } = open({ status: 'authenticated', user: alice })
    expect(session.getState()).toEqual({ status: 'authenticated', user: alice })
    await session.syncUser('alice')
    expect(states.map((s) => s.status)).toEqual(['authenticated'])
    expect(cometchat.requests).toHaveLength(1)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
  })

  it('nothing acts on an unconfirmed hydrated state', async () => {
    const { session } = open({ status: 'authenticated', user: alice })
    await expect(session.refresh()).rejects.toMatchObject({ code: 'NOT_AUTHENTICATED' })
    await expect(session.generateCallToken('room')).rejects.toMatchObject({
      code: 'NOT_AUTHENTICATED',
    })
    let settled = false
    void session.whenAuthenticated().then(() => {
      settled = true
    })
    await Promise.resolve()
    expect(settled).toBe(false)
    await session.login({ uid: 'alice' })
    await expect(session.whenAuthenticated()).resolves.toMatchObject({ uid: 'alice' })
  })

  it('a hydrated user the server no longer signs in ends in an error, not a stale authenticated', async () => {
    cometchat.signIn(null)
    const { session } = open({ status: 'authenticated', user: alice })
    await expect(session.syncUser('alice')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(session.getState().status).toBe('error')
  })
})
