import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import type { CallsSession } from '../index.js'

// With no `sdk` option the session loads @cometchat/calls-sdk-javascript (the real 4.2.6) itself,
// on first use. A chunk that fails to load is played here by failing the loader's next calls.
const loader = vi.hoisted(() => ({ failures: [] as unknown[], calls: 0 }))
vi.mock('../sdk/loadSdk.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../sdk/loadSdk.js')>()
  return {
    ...actual,
    preloadCallsSdk: () => {
      loader.calls++
      const failure = loader.failures.shift()
      return failure === undefined ? actual.preloadCallsSdk() : Promise.reject(failure)
    },
  }
})

let cometchat: CometChat
let createCallsSession: typeof import('../index.js').createCallsSession
beforeAll(async () => {
  cometchat = await startCometChat()
  // Test files may share one module graph (the mutation config): core is imported afresh, so
  // that its SDK connection finds the loader above.
  vi.resetModules()
  ;({ createCallsSession } = await import('../index.js'))
})
afterAll(() => cometchat.close())
const sessions: CallsSession[] = []
afterEach(async () => {
  for (const session of sessions.splice(0)) session.destroy()
  loader.failures.length = 0
  loader.calls = 0
  await cometchat.reset()
})

/** A session with no `sdk`: it loads the package itself. */
function openLazy() {
  const { sdk: _given, ...options } = cometchat.realSdkV4()
  const session = createCallsSession(options)
  sessions.push(session)
  return session
}

describe('a session that loads the Calls SDK itself', () => {
  it('loads it on first use and signs in through it', async () => {
    const session = openLazy()
    expect(loader.calls).toBe(0)
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(loader.calls).toBe(1)
    expect(await cometchat.count('POST /calls/v3.0/call_tokens')).toBe(1)
  })

  it('a failed load is SDK_INIT_FAILED with the load error as cause, and is tried again next time', async () => {
    const chunkError = new TypeError('Failed to fetch dynamically imported module')
    loader.failures.push(chunkError)
    const session = openLazy()
    const error = await session.login({ uid: 'alice' }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'CallsSessionError',
      code: 'SDK_INIT_FAILED',
      message: 'The Calls SDK could not be loaded',
    })
    expect((error as Error).cause).toBe(chunkError)
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(loader.calls).toBe(2)
  })

  it('destroyed before it ever loaded the SDK: nothing to give up, no error', () => {
    const session = openLazy()
    expect(() => session.destroy()).not.toThrow()
    expect(loader.calls).toBe(0)
  })
})
