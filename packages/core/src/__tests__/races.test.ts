import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'
import type { CallsSession, TokenGrant } from '../index.js'

// Logout, switch and destroy while a step is in flight, with the v5 model over HTTP against the
// emulator. Token answers and SDK requests are held explicitly, and released in the worst order.
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

/** A token source whose answers (real emulator tokens) the test releases by hand, in any order. */
function manualTokens(uids = ['alice', 'bob', 'alice', 'bob']) {
  const pending: {
    uid: string
    resolve: (grant: TokenGrant) => void
    signal: AbortSignal
  }[] = []
  const arrivals: (() => void)[] = []
  return {
    pending,
    /** Resolves once `n` requests are pending. */
    async requested(n: number) {
      while (pending.length < n) await new Promise<void>((resolve) => arrivals.push(resolve))
    },
    fetchToken: ({ signal }: { signal: AbortSignal }) =>
      new Promise<TokenGrant>((resolve, reject) => {
        const uid = uids[pending.length] ?? 'alice'
        pending.push({ uid, resolve, signal })
        for (const arrived of arrivals.splice(0)) arrived()
        signal.addEventListener('abort', () => reject(signal.reason))
      }),
    async answer(index: number) {
      const entry = pending[index]
      if (!entry) throw new Error(`no request #${index}`)
      entry.resolve({ ...(await cometchat.mintGrant(entry.uid)), expiresIn: 600 })
    },
  }
}

/**
 * After a destroy, a day on the fake clock passes with no token request, no SDK request, no state
 * change and no event. (Timers are not counted: Node's fetch keeps its own connection timers.)
 */
async function nothingScheduled(
  session: CallsSession,
  sdk: { getLoggedInUser(): unknown },
): Promise<void> {
  const requests = cometchat.requests.length
  const wire = (await cometchat.wire()).length
  const state = session.getState()
  const heard: unknown[] = []
  const stop = session.on((event) => heard.push(event))
  await vi.advanceTimersByTimeAsync(24 * 3_600_000)
  stop()
  expect(cometchat.requests.length).toBe(requests)
  expect((await cometchat.wire()).length).toBe(wire)
  expect(session.getState()).toBe(state)
  expect(heard).toEqual([])
  expect(sdk.getLoggedInUser()).toBeNull()
}

describe('logout, switch and destroy during async steps', () => {
  it('logout during the token fetch: signed out, and the late answer never logs in', async () => {
    const source = manualTokens()
    const { session, sdk, statuses } = openSession(cometchat, { fetchToken: source.fetchToken })
    const login = session.login({ uid: 'alice' })
    await source.requested(1)
    await session.logout()
    expect(source.pending[0]?.signal.aborted).toBe(true)
    await source.answer(0)
    await expect(login).rejects.toMatchObject({ code: 'ABORTED' })
    expect(session.getState()).toEqual({ status: 'signed-out' })
    expect(await cometchat.count('PUT /v3.0/me')).toBe(0)
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(statuses()).toEqual(['authenticating', 'signed-out'])
  })

  it('logout during the SDK login: the SDK session is undone, state stays signed out', async () => {
    const { session, sdk } = openSession(cometchat)
    const wire = cometchat.holdAt('PUT', '/me')
    const login = session.login({ uid: 'alice' })
    await wire.reached
    const logout = session.logout()
    wire.release()
    await expect(login).rejects.toMatchObject({ code: 'ABORTED' })
    await logout
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(localStorage.getItem('emulator-app:common_store/user')).toBeNull()
    expect((await cometchat.wire()).filter((line) => line.endsWith('/me'))).toEqual([
      'PUT /v3.0/me',
      'DELETE /v3.0/me',
    ])
    expect(session.getState()).toEqual({ status: 'signed-out' })
  })

  it('logout during SDK init: nothing logs in afterwards', async () => {
    const { session, sdk } = openSession(cometchat)
    const login = session.login({ uid: 'alice' })
    await session.logout()
    await expect(login).rejects.toMatchObject({ code: 'ABORTED' })
    expect(await cometchat.count('PUT /v3.0/me')).toBe(0)
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(session.getState()).toEqual({ status: 'signed-out' })
  })

  it('logout during a refresh: signed out, and the refreshed token never reaches CometChat', async () => {
    const { session, sdk } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
    let answer = () => {}
    const answered = new Promise<void>((resolve) => {
      answer = resolve
    })
    let asked = () => {}
    const refreshAsked = new Promise<void>((resolve) => {
      asked = resolve
    })
    cometchat.answerNext(async ({ mint }) => {
      asked()
      await answered
      return HttpResponse.json(await mint('alice'))
    })
    const refresh = session.refresh().catch((error: unknown) => error)
    await refreshAsked
    await session.logout()
    answer()
    expect(await refresh).toMatchObject({ code: 'ABORTED' })
    expect(session.getState()).toEqual({ status: 'signed-out' })
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
    expect(sdk.getLoggedInUser()).toBeNull()
  })

  it('switching A→B→A with slow answers ends as A, with one SDK session', async () => {
    const source = manualTokens()
    const { session, sdk } = openSession(cometchat, { fetchToken: source.fetchToken })
    const first = session.login({ uid: 'alice' }).catch((e: unknown) => e)
    await source.requested(1)
    const second = session.login({ uid: 'bob' }).catch((e: unknown) => e)
    await source.requested(2)
    const third = session.login({ uid: 'alice' })
    await source.requested(3)
    // Answers arrive in the worst order: the newest first, then the stale ones.
    await source.answer(2)
    await source.answer(1)
    await source.answer(0)
    await expect(third).resolves.toMatchObject({ uid: 'alice' })
    expect(await first).toMatchObject({ code: 'ABORTED' })
    expect(await second).toMatchObject({ code: 'ABORTED' })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(sdk.getLoggedInUser()?.uid).toBe('alice')
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
  })

  it.each(['token fetch', 'SDK login'])(
    'destroy (unmount) during the %s leaves no SDK session and nothing scheduled',
    async (step) => {
      const source = manualTokens()
      const { session, sdk } = openSession(cometchat, { fetchToken: source.fetchToken })
      const wire = cometchat.holdAt('PUT', '/me')
      const loggedOut = new Promise<void>((resolve) =>
        sdk.addLoginListener('test', { onLogoutSuccess: () => resolve() }),
      )
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
      const login = session.login({ uid: 'alice' }).catch((e: unknown) => e)
      await source.requested(1)
      if (step === 'SDK login') {
        await source.answer(0)
        await wire.reached
      }
      session.destroy()
      wire.release()
      if (step === 'token fetch') await source.answer(0)
      expect(await login).toMatchObject({ code: 'ABORTED' })
      // The SDK signed in before the destroy could stop it: it is signed out again.
      if (step === 'SDK login') await loggedOut
      expect(sdk.getLoggedInUser()).toBeNull()
      expect(session.getState()).toEqual({ status: 'signed-out' })
      await nothingScheduled(session, sdk)
    },
  )

  it('syncUser converges and is idempotent', async () => {
    const { session, sdk } = openSession(cometchat)
    await Promise.all([session.syncUser('alice'), session.syncUser('alice')])
    expect(cometchat.requests).toHaveLength(1)
    await session.syncUser('alice')
    expect(cometchat.requests).toHaveLength(1)
    await session.syncUser(null)
    expect(session.getState()).toEqual({ status: 'signed-out' })
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(await cometchat.count('DELETE /v3.0/me')).toBe(1)
  })

  it('destroy leaves nothing scheduled and no listeners, and refuses further use', async () => {
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    const docAdded = vi.spyOn(document, 'addEventListener')
    const docRemoved = vi.spyOn(document, 'removeEventListener')
    const { session, sdk, events } = openSession(cometchat)
    const loggedOut = new Promise<void>((resolve) =>
      sdk.addLoginListener('test', { onLogoutSuccess: () => resolve() }),
    )
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    session.retain()
    await session.login({ uid: 'alice' })
    expect(events.map((e) => e.type)).toContain('REFRESH_SCHEDULED')
    session.destroy()
    await loggedOut
    await nothingScheduled(session, sdk)
    expect(removed.mock.calls.length).toBe(added.mock.calls.length)
    expect(docRemoved.mock.calls.length).toBe(docAdded.mock.calls.length)
    expect(sdk.getLoggedInUser()).toBeNull()
    await expect(session.login()).rejects.toMatchObject({ code: 'DESTROYED' })
    await expect(session.generateCallToken('x')).rejects.toMatchObject({ code: 'DESTROYED' })
    await expect(session.refresh()).rejects.toMatchObject({ code: 'DESTROYED' })
  })

  it('retain is reference-counted and released a microtask later (StrictMode-safe)', async () => {
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    const { session } = openSession(cometchat)
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
  })
})
