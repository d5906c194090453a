import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'

// Core's non-secret record of the token's lifetime (`callsession:{appId}:lifetime`) serves a
// session v5 restores on reload. With `persistSdkSession: false` nothing is restored, so nothing
// is written. The v5 model over HTTP against the emulator.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat({ lifetimeSeconds: 600 })
})
afterAll(() => cometchat.close())
afterEach(async () => {
  destroySessions()
  await cometchat.reset()
})

const record = () => localStorage.getItem(`callsession:${cometchat.options.appId}:lifetime`)

describe('the lifetime record', () => {
  it('is written at sign-in when the SDK keeps its session: uid, receivedAt, expiresAt', async () => {
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const state = session.getState()
    const expiresAt = state.status === 'authenticated' ? state.expiresAt : undefined
    expect(JSON.parse(record() ?? 'null')).toEqual({
      uid: 'alice',
      receivedAt: (expiresAt ?? 0) - 600_000,
      expiresAt,
    })
  })

  it('is never written with persistSdkSession: false', async () => {
    const { session } = openSession(cometchat, { persistSdkSession: false })
    await session.login({ uid: 'alice' })
    await session.refresh()
    expect(session.getState().status).toBe('authenticated')
    expect(record()).toBeNull()
  })
})

describe('a reload the v5 SDK restores', () => {
  /** A first page signs alice in; the returned function opens the reloaded page. */
  async function afterReload(options: Parameters<typeof openSession>[1] = {}) {
    await openSession(cometchat).session.login({ uid: 'alice' })
    cometchat.requests.length = 0
    return () => openSession(cometchat, options)
  }

  it('ignores a record about another user: one background refresh finds the real lifetime', async () => {
    const reload = await afterReload()
    const key = `callsession:${cometchat.options.appId}:lifetime`
    const alices = JSON.parse(localStorage.getItem(key) ?? '{}')
    localStorage.setItem(key, JSON.stringify({ ...alices, uid: 'bob' }))
    const { session, next } = reload()
    const refreshed = next('TOKEN_REFRESHED')
    await session.login({ uid: 'alice' })
    await refreshed
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['refresh'])
    expect(JSON.parse(record() ?? '{}')).toMatchObject({ uid: 'alice' })
  })

  it('with no record and autoRefresh: false, makes no token request', async () => {
    const reload = await afterReload({ autoRefresh: false })
    localStorage.removeItem(`callsession:${cometchat.options.appId}:lifetime`)
    const { session, events } = reload()
    await session.login({ uid: 'alice' })
    await cometchat.wire() // one round trip: a background request would have gone out by now
    expect(cometchat.requests).toEqual([])
    expect(session.getState()).toEqual({
      status: 'authenticated',
      user: expect.objectContaining({ uid: 'alice' }),
    })
    expect(events.map((e) => e.type)).toEqual(['SIGNED_IN'])
  })
})
