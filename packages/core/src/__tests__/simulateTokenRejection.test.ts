import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import { simulateTokenRejection } from '../dev.js'
import type { CallsSession } from '../index.js'

// The devtools' "CometChat refused the token" button: what a revoked token causes, on demand.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  vi.unstubAllEnvs()
  destroySessions()
  await cometchat.reset()
})

describe('simulateTokenRejection (development only)', () => {
  it('signed in: one fresh token from the app server, swapped in, and the session stays signed in', async () => {
    const { session, events } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    await expect(simulateTokenRejection(session)).resolves.toBeUndefined()
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(events.map((e) => e.type)).toContain('TOKEN_REJECTED_BY_COMETCHAT')
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    await expect(session.generateCallToken('room')).resolves.toMatch(/\S+/)
  })

  it('signed out: NOT_AUTHENTICATED, and no token request', async () => {
    const { session } = openSession(cometchat)
    await expect(simulateTokenRejection(session)).rejects.toMatchObject({
      code: 'NOT_AUTHENTICATED',
    })
    expect(cometchat.requests).toHaveLength(0)
  })

  it('in a production build it refuses, and nothing happens', async () => {
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    vi.stubEnv('NODE_ENV', 'production')
    await expect(simulateTokenRejection(session)).rejects.toMatchObject({
      name: 'CallsSessionError',
      code: 'AUTH_KEY_IN_PRODUCTION',
      message: 'Development only',
    })
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login'])
  })

  it('an object that is not a session is a TypeError', async () => {
    await expect(simulateTokenRejection({} as CallsSession)).rejects.toThrow(
      new TypeError('simulateTokenRejection: not a session from createCallsSession'),
    )
  })
})
