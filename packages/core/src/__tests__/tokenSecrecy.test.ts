import { QueryClient } from '@tanstack/query-core'
import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createFakeSdkV4 } from '../../test/fakeSdk.js'
import { openSession } from '../../test/openSession.js'
import { createTokenServer } from '../../test/tokenServer.js'

const tokens = createTokenServer({ lifetimeSeconds: 600 })
beforeAll(() => tokens.listen())
afterAll(() => tokens.close())
afterEach(() => tokens.reset())

/** Everything that could end up persisted or printed during `run`. */
async function watchLeaks(run: () => Promise<void>) {
  const written: string[] = []
  vi.spyOn(Storage.prototype, 'setItem').mockImplementation((key, value) => {
    written.push(`${key}=${value}`)
  })
  vi.spyOn(document, 'cookie', 'set').mockImplementation((value) => {
    written.push(value)
  })
  const idbOpen = vi.fn()
  vi.stubGlobal('indexedDB', { open: idbOpen })
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(
        args
          .map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg)))
          .join(' '),
      )
    })
  }
  await run()
  return { written, idbOpen }
}

describe('tokens live in memory only', () => {
  it('no token reaches Web Storage, cookies, IndexedDB or the console through login, refresh and errors', async () => {
    const sdk = createFakeSdkV4()
    const queryClient = new QueryClient()
    const seen: string[] = []
    const { written, idbOpen } = await watchLeaks(async () => {
      const { session, states } = openSession({ sdk, queryClient })
      await session.login({ uid: 'alice' })
      await session.refresh()
      sdk.fake.revoke()
      const failure = await session.generateCallToken('room').catch((error: unknown) => error)
      tokens.answerNext(() =>
        HttpResponse.json({ uid: 'alice', authToken: 'alice_bad', expiresIn: 'x' }),
      )
      await session.login({ uid: 'alice' }).catch((error: unknown) => error)
      seen.push(...sdk.fake.tokensSeen)
      // What an app might print or persist: states, errors, the query cache.
      for (const state of states) console.log(JSON.stringify(state), String(state))
      console.error(failure)
      console.log(
        JSON.stringify(
          queryClient
            .getQueryCache()
            .getAll()
            .map((q) => q.state),
        ),
      )
      session.destroy()
    })
    expect(seen.length).toBeGreaterThanOrEqual(3)
    const everything = written.join('\n')
    for (const token of new Set(seen)) expect(everything).not.toContain(token)
    expect(everything).not.toContain('alice_bad')
    expect(idbOpen).not.toHaveBeenCalled()
    expect(localStorage.length + sessionStorage.length).toBe(0)
  })

  it('leaves no token query behind in a shared QueryClient', async () => {
    const queryClient = new QueryClient()
    const { session } = openSession({ queryClient })
    await session.login({ uid: 'alice' })
    await session.refresh()
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0)
    session.destroy()
  })
})
