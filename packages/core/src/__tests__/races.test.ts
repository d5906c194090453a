import { delay, HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createFakeSdkV5 } from '../../test/fakeSdk.js'
import { openSession } from '../../test/openSession.js'
import { createTokenServer } from '../../test/tokenServer.js'
import type { TokenGrant } from '../index.js'

const tokens = createTokenServer()
beforeAll(() => tokens.listen())
afterAll(() => tokens.close())
afterEach(() => {
  tokens.reset()
  vi.useRealTimers()
})

/** A token source whose answers the test releases by hand, in any order. */
function manualTokens() {
  const pending: { uid: string; resolve: (grant: TokenGrant) => void; signal: AbortSignal }[] = []
  let n = 0
  return {
    pending,
    fetchToken: ({ signal }: { signal: AbortSignal }) =>
      new Promise<TokenGrant>((resolve, reject) => {
        const uid = ['alice', 'bob', 'alice', 'bob'][pending.length] ?? 'alice'
        pending.push({ uid, resolve, signal })
        signal.addEventListener('abort', () => reject(signal.reason))
      }),
    answer(index: number) {
      const entry = pending[index]
      if (!entry) throw new Error(`no request #${index}`)
      n++
      entry.resolve({ uid: entry.uid, authToken: `${entry.uid}_${n}`, expiresIn: 600 })
    },
  }
}

describe('logout, switch and destroy during async steps', () => {
  it('logout during the token fetch: signed out, and the late answer never logs in', async () => {
    const source = manualTokens()
    const { session, sdk, statuses } = openSession({ fetchToken: source.fetchToken })
    const login = session.login({ uid: 'alice' })
    await vi.waitFor(() => expect(source.pending).toHaveLength(1))
    await session.logout()
    expect(source.pending[0]?.signal.aborted).toBe(true)
    source.answer(0)
    await expect(login).rejects.toMatchObject({ code: 'ABORTED' })
    expect(session.getState()).toEqual({ status: 'signed-out' })
    expect(sdk.fake.calls.login).toBeUndefined()
    expect(statuses()).toEqual(['authenticating', 'signed-out'])
  })

  it('logout during the SDK login: the SDK session is undone, state stays signed out', async () => {
    const { session, sdk } = openSession()
    const release = sdk.fake.holdLogins()
    const login = session.login({ uid: 'alice' })
    await vi.waitFor(() => expect(sdk.fake.calls.login).toBe(1))
    const logout = session.logout()
    release()
    await expect(login).rejects.toMatchObject({ code: 'ABORTED' })
    await logout
    expect(sdk.fake.loggedInUser()).toBeNull()
    expect(session.getState()).toEqual({ status: 'signed-out' })
  })

  it('logout during SDK init: nothing logs in afterwards', async () => {
    const { session, sdk } = openSession()
    const login = session.login({ uid: 'alice' })
    await session.logout()
    await expect(login).rejects.toMatchObject({ code: 'ABORTED' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(tokens.requests).toHaveLength(0)
    expect(sdk.fake.loggedInUser()).toBeNull()
  })

  it('logout during a refresh: signed out, the refreshed token is dropped', async () => {
    const { session, sdk } = openSession()
    await session.login({ uid: 'alice' })
    tokens.answerNext(async ({ uid }) => {
      await delay(50)
      return HttpResponse.json({ uid, authToken: `${uid}_late`, expiresIn: 600 })
    })
    const refresh = session.refresh()
    await session.logout()
    await expect(refresh).rejects.toMatchObject({ code: 'ABORTED' })
    expect(session.getState()).toEqual({ status: 'signed-out' })
    expect(sdk.fake.tokensSeen).not.toContain('alice_late')
  })

  it('switching A→B→A with slow answers ends as A, with one SDK session', async () => {
    const source = manualTokens()
    const sdk = createFakeSdkV5()
    const { session } = openSession({ fetchToken: source.fetchToken, sdk })
    const first = session.login({ uid: 'alice' }).catch((e: unknown) => e)
    await vi.waitFor(() => expect(source.pending).toHaveLength(1))
    const second = session.login({ uid: 'bob' }).catch((e: unknown) => e)
    await vi.waitFor(() => expect(source.pending).toHaveLength(2))
    const third = session.login({ uid: 'alice' })
    await vi.waitFor(() => expect(source.pending).toHaveLength(3))
    // Answers arrive in the worst order: the newest first, then the stale ones.
    source.answer(2)
    source.answer(1)
    source.answer(0)
    await expect(third).resolves.toMatchObject({ uid: 'alice' })
    expect(await first).toMatchObject({ code: 'ABORTED' })
    expect(await second).toMatchObject({ code: 'ABORTED' })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(sdk.fake.loggedInUser()?.uid).toBe('alice')
    expect(sdk.fake.calls.login).toBe(1)
  })

  it('switching user during the SDK login ends as the new user, with one SDK session', async () => {
    const { session, sdk } = openSession()
    const release = sdk.fake.holdLogins()
    const first = session.login({ uid: 'alice' }).catch((e: unknown) => e)
    await vi.waitFor(() => expect(sdk.fake.calls.login).toBe(1))
    tokens.signIn('bob')
    const second = session.login({ uid: 'bob' })
    release()
    await expect(second).resolves.toMatchObject({ uid: 'bob' })
    expect(await first).toMatchObject({ code: 'ABORTED' })
    expect(sdk.fake.loggedInUser()?.uid).toBe('bob')
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'bob' } })
  })

  it.each(['token fetch', 'SDK login'])(
    'destroy (unmount) during the %s leaves no SDK session and no timer',
    async (step) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
      const source = manualTokens()
      const { session, sdk } = openSession({ fetchToken: source.fetchToken })
      const release = step === 'SDK login' ? sdk.fake.holdLogins() : () => {}
      const login = session.login({ uid: 'alice' }).catch((e: unknown) => e)
      await vi.waitFor(() => expect(source.pending).toHaveLength(1))
      if (step === 'SDK login') {
        source.answer(0)
        await vi.waitFor(() => expect(sdk.fake.calls.login).toBe(1))
      }
      session.destroy()
      release()
      if (step === 'token fetch') source.answer(0)
      expect(await login).toMatchObject({ code: 'ABORTED' })
      await vi.advanceTimersByTimeAsync(0)
      expect(sdk.fake.loggedInUser()).toBeNull()
      expect(vi.getTimerCount()).toBe(0)
      expect(session.getState()).toEqual({ status: 'signed-out' })
    },
  )

  it('login as another user logs the first one out first', async () => {
    const { session, sdk } = openSession()
    await session.login({ uid: 'alice' })
    tokens.signIn('bob')
    await session.login({ uid: 'bob' })
    expect(sdk.fake.calls.logout).toBe(1)
    expect(sdk.fake.loggedInUser()?.uid).toBe('bob')
  })

  it('syncUser converges and is idempotent', async () => {
    const { session, sdk } = openSession()
    await Promise.all([session.syncUser('alice'), session.syncUser('alice')])
    expect(tokens.requests).toHaveLength(1)
    await session.syncUser(null)
    expect(session.getState()).toEqual({ status: 'signed-out' })
    expect(sdk.fake.loggedInUser()).toBeNull()
  })

  it('destroy leaves no timers and no listeners, and refuses further use', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    const docAdded = vi.spyOn(document, 'addEventListener')
    const docRemoved = vi.spyOn(document, 'removeEventListener')
    const { session, sdk } = openSession()
    session.retain()
    await session.login({ uid: 'alice' })
    expect(vi.getTimerCount()).toBe(1)
    session.destroy()
    await vi.advanceTimersByTimeAsync(0)
    expect(vi.getTimerCount()).toBe(0)
    expect(removed.mock.calls.length).toBe(added.mock.calls.length)
    expect(docRemoved.mock.calls.length).toBe(docAdded.mock.calls.length)
    expect(sdk.fake.loggedInUser()).toBeNull()
    await expect(session.login()).rejects.toMatchObject({ code: 'DESTROYED' })
    await expect(session.generateCallToken('x')).rejects.toMatchObject({ code: 'DESTROYED' })
  })

  it('retain is reference-counted and released a microtask later (StrictMode-safe)', async () => {
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    const { session } = openSession()
    const first = session.retain()
    first()
    const second = session.retain()
    await Promise.resolve()
    const listeners = added.mock.calls.length
    expect(listeners).toBeGreaterThan(0)
    expect(removed).not.toHaveBeenCalled()
    second()
    second()
    await Promise.resolve()
    expect(added).toHaveBeenCalledTimes(listeners)
    expect(removed).toHaveBeenCalledTimes(listeners)
    session.destroy()
  })
})
