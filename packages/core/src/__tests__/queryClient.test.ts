import { QueryClient } from '@tanstack/query-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { type CallsSession, createCallsSession, type TokenGrant } from '../index.js'

// Issue 12, item 2: the app's own QueryClient calls cannot kill a login, and sessions never share
// a token query. The v5 model signs in over HTTP against the emulator.
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

/** A token source whose requests wait until the test opens the gate (an explicit signal). */
function heldTokens(uid = 'alice') {
  const waiting: (() => void)[] = []
  let calls = 0
  let open = () => {}
  const gate = new Promise<void>((resolve) => {
    open = resolve
  })
  return {
    calls: () => calls,
    /** Resolves once `n` requests have started. */
    async started(n: number) {
      while (calls < n) await new Promise<void>((resolve) => waiting.push(resolve))
    },
    fetchToken: async ({ signal }: { signal: AbortSignal }): Promise<TokenGrant> => {
      calls++
      for (const wake of waiting.splice(0)) wake()
      await new Promise<void>((resolve, reject) => {
        gate.then(resolve)
        signal.addEventListener('abort', () => reject(signal.reason), { once: true })
      })
      return { ...(await cometchat.mintGrant(uid)), expiresIn: 3600 }
    },
    letThrough: () => open(),
  }
}

describe("the app's QueryClient cannot kill a login", () => {
  for (const interfere of [
    (client: QueryClient) => client.clear(),
    (client: QueryClient) => void client.cancelQueries(),
    (client: QueryClient) => void client.resetQueries(),
  ]) {
    it(`${interfere.toString().replace(/\s+/g, ' ')} during the token fetch: the login still succeeds`, async () => {
      const queryClient = new QueryClient()
      const tokens = heldTokens()
      const { tokenEndpoint: _, ...options } = cometchat.options
      const session = createCallsSession({
        ...options,
        sdk: cometchat.createSdk(),
        queryClient,
        fetchToken: tokens.fetchToken,
      })
      sessions.push(session)
      const login = session.login({ uid: 'alice' })
      await tokens.started(1)
      interfere(queryClient)
      await tokens.started(2) // the session asked again: the cancel was not its own
      tokens.letThrough()
      await expect(login).resolves.toMatchObject({ uid: 'alice' })
      expect(session.getState().status).toBe('authenticated')
    })
  }

  it('a logout still cancels for real (the session asked for that one)', async () => {
    const tokens = heldTokens()
    const { tokenEndpoint: _, ...options } = cometchat.options
    const session = createCallsSession({
      ...options,
      sdk: cometchat.createSdk(),
      fetchToken: tokens.fetchToken,
    })
    sessions.push(session)
    const login = session.login({ uid: 'alice' })
    await tokens.started(1)
    await session.logout()
    await expect(login).rejects.toMatchObject({ code: 'ABORTED' })
    expect(tokens.calls()).toBe(1)
  })

  it('two sessions of the same app in one QueryClient do not share a token query', async () => {
    const queryClient = new QueryClient()
    const { tokenEndpoint: _, ...options } = cometchat.options
    const uids: string[] = []
    for (const uid of ['alice', 'bob']) {
      const session = createCallsSession({
        ...options,
        sdk: cometchat.createSdk(), // two pages' SDKs, one app
        queryClient,
        fetchToken: async () => {
          uids.push(uid)
          return { ...(await cometchat.mintGrant(uid)), expiresIn: 3600 }
        },
      })
      sessions.push(session)
    }
    const [first, second] = sessions
    // Both fetch at once (generation 1 each): with shared keys one would get the other's token.
    const results = await Promise.allSettled([
      first?.login({ uid: 'alice' }),
      second?.login({ uid: 'bob' }),
    ])
    expect(uids.sort()).toEqual(['alice', 'bob'])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled'])
  })
})
