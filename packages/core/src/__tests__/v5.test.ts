import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import {
  type CallsSession,
  type CallsSessionEvent,
  type CallsSessionOptions,
  createCallsSession,
  isCallsSessionError,
} from '../index.js'

// Issue 11: the real v5 wire, through the faithful v5 model talking to the emulator over HTTP.
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

/** One page load: a fresh SDK object (the same localStorage) and a session on it. */
function openPage(options: Partial<CallsSessionOptions> = {}) {
  const sdk = cometchat.createSdk()
  const session = createCallsSession({ ...cometchat.options, sdk, ...options })
  sessions.push(session)
  const events: CallsSessionEvent[] = []
  session.on((event) => events.push(event))
  return { sdk, session, events }
}

const SDK_USER_KEY = `${'emulator-app'}:common_store/user`

describe('v5: token login is loginWithAuthToken', () => {
  it('login costs 1 token request and exactly 1 PUT /me, with no Auth-Key request', async () => {
    const { session, sdk } = openPage()
    await expect(session.login({ uid: 'alice' })).resolves.toMatchObject({
      uid: 'alice',
      name: 'Alice',
    })
    expect(cometchat.requests).toHaveLength(1)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
    const wire = await cometchat.wire()
    // The app server's REST mint is `/v3/…`; the SDK's Auth-Key step would be `/v3.0/users/…`.
    expect(wire.filter((line) => line.startsWith('POST /v3.0/users/'))).toEqual([])
    expect(sdk.getLoggedInUser()?.uid).toBe('alice')
  })

  it('generateCallToken sends POST /call_tokens with the logged-in user', async () => {
    const { session } = openPage()
    await session.login({ uid: 'alice' })
    const callToken = await session.generateCallToken('meeting-1')
    expect(callToken).toMatch(/\S+/)
    expect(await cometchat.count('POST /v3.0/call_tokens')).toBe(1)
  })

  it('a revoked token causes exactly one new token fetch, and then the call succeeds', async () => {
    const { session, events } = openPage()
    await session.login({ uid: 'alice' })
    await cometchat.revokeTokens('alice')
    await expect(session.generateCallToken('meeting-2')).resolves.toMatch(/\S+/)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'rejected'])
    expect(await cometchat.count('POST /v3.0/call_tokens')).toBe(2)
    expect(events.map((e) => e.type)).toContain('TOKEN_REJECTED_BY_COMETCHAT')
    expect(session.getState().status).toBe('authenticated')
  })

  it('logout sends DELETE /me and leaves no saved user', async () => {
    const { session, sdk } = openPage()
    await session.login({ uid: 'alice' })
    await session.logout()
    expect(await cometchat.count('DELETE /v3.0/me')).toBe(1)
    expect(sdk.getLoggedInUser()).toBeNull()
    expect(localStorage.getItem(SDK_USER_KEY)).toBeNull()
  })

  it('logging out when the SDK holds no user is not an error', async () => {
    const { session, sdk } = openPage()
    await session.login({ uid: 'alice' })
    await sdk.logout() // the app logged the page's SDK out behind the session's back
    await expect(sdk.logout()).rejects.toMatchObject({ errorCode: 'ERROR_NO_USER_LOGGED_IN' })
    await expect(session.logout()).resolves.toBeUndefined()
    expect(session.getState().status).toBe('signed-out')
  })

  it('a uid switch logs the old user out (DELETE /me) before the new token login', async () => {
    const { session } = openPage()
    await session.login({ uid: 'alice' })
    cometchat.signIn('bob')
    await expect(session.login({ uid: 'bob' })).resolves.toMatchObject({ uid: 'bob' })
    const wire = (await cometchat.wire()).filter((line) => line.endsWith('/me'))
    expect(wire).toEqual(['PUT /v3.0/me', 'DELETE /v3.0/me', 'PUT /v3.0/me'])
  })
})

describe('v5: the SDK keeps its session at rest (persistSdkSession)', () => {
  it('a reload with persistSdkSession: true costs 0 token requests', async () => {
    await openPage().session.login({ uid: 'alice' })
    expect(localStorage.getItem(SDK_USER_KEY)).toContain('alice')
    cometchat.requests.length = 0
    const reloaded = openPage()
    await expect(reloaded.session.login({ uid: 'alice' })).resolves.toMatchObject({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(0)
    expect(reloaded.events.find((e) => e.type === 'SIGNED_IN')).toMatchObject({
      source: 'restored',
    })
  })

  it('a restored session keeps its refresh schedule from the non-secret lifetime record', async () => {
    await openPage().session.login({ uid: 'alice' })
    const record = JSON.parse(localStorage.getItem('callsession:emulator-app:lifetime') ?? '{}')
    expect(Object.keys(record).sort()).toEqual(['expiresAt', 'receivedAt', 'uid'])
    const reloaded = openPage()
    await reloaded.session.login({ uid: 'alice' })
    const state = reloaded.session.getState()
    expect(state.status === 'authenticated' && state.expiresAt).toBe(record.expiresAt)
    expect(reloaded.events.find((e) => e.type === 'REFRESH_SCHEDULED')).toBeDefined()
  })

  it('with no lifetime record (first run after an upgrade) one background refresh runs, staying authenticated', async () => {
    await openPage().session.login({ uid: 'alice' })
    localStorage.removeItem('callsession:emulator-app:lifetime')
    cometchat.requests.length = 0
    const reloaded = openPage()
    const statuses: string[] = []
    reloaded.session.subscribe((state) => statuses.push(state.status))
    await reloaded.session.login({ uid: 'alice' })
    await reloaded.session.refresh()
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['refresh'])
    expect(statuses).not.toContain('refreshing')
    expect(statuses).not.toContain('signed-out')
  })

  it('a restored token that was revoked is recovered by one token fetch at the first refusal', async () => {
    await openPage().session.login({ uid: 'alice' })
    await cometchat.revokeTokens('alice')
    cometchat.requests.length = 0
    const reloaded = openPage()
    await reloaded.session.login({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(0)
    await expect(reloaded.session.generateCallToken('meeting-3')).resolves.toMatch(/\S+/)
    expect(cometchat.requests.map((r) => r.reason)).toEqual(['rejected'])
  })

  it('with persistSdkSession: false no common_store/user key is left after login, and a reload costs 1 token request', async () => {
    const first = openPage({ persistSdkSession: false })
    await first.session.login({ uid: 'alice' })
    expect(localStorage.getItem(SDK_USER_KEY)).toBeNull()
    await first.session.refresh()
    expect(localStorage.getItem(SDK_USER_KEY)).toBeNull()
    cometchat.requests.length = 0
    const reloaded = openPage({ persistSdkSession: false })
    await reloaded.session.login({ uid: 'alice' })
    expect(cometchat.requests).toHaveLength(1)
    expect(localStorage.getItem(SDK_USER_KEY)).toBeNull()
  })
})

describe('v5: one SDK per page', () => {
  it('a second session with another appId on the same SDK object fails at once, before any token moves', async () => {
    const { sdk, session } = openPage()
    await session.login({ uid: 'alice' })
    let error: unknown
    try {
      createCallsSession({ ...cometchat.options, appId: 'other-app', sdk })
    } catch (caught) {
      error = caught
    }
    expect(isCallsSessionError(error) && error.code).toBe('SDK_CONFLICT')
    expect(String((error as Error).message)).toContain('emulator-app')
    expect(cometchat.requests).toHaveLength(1)
  })

  it('the SDK is free for another app once the first session is destroyed', async () => {
    const { sdk, session } = openPage()
    session.destroy()
    expect(() =>
      sessions.push(createCallsSession({ ...cometchat.options, appId: 'other-app', sdk })),
    ).not.toThrow()
  })

  it('initSdk: false leaves init to the app, and the app-initialised SDK is used', async () => {
    const sdk = cometchat.createSdk()
    const { appId, region, host, clientHost, adminHost } = cometchat.options
    await sdk.init({ appId, region, host, clientHost, adminHost })
    let inits = 0
    const counted = Object.assign(Object.create(sdk), {
      init: (...args: Parameters<typeof sdk.init>) => {
        inits++
        return sdk.init(...args)
      },
    }) as typeof sdk
    const session = createCallsSession({ ...cometchat.options, sdk: counted, initSdk: false })
    sessions.push(session)
    await session.login({ uid: 'alice' })
    expect(inits).toBe(0)
    expect(await cometchat.count('PUT /v3.0/me')).toBe(1)
  })

  it('init resolving success: false is SDK_INIT_FAILED with the SDK message, never a half login', async () => {
    const { session } = openPage({ region: 'mars' })
    const error = await session.login({ uid: 'alice' }).catch((caught: unknown) => caught)
    expect(isCallsSessionError(error) && error.code).toBe('SDK_INIT_FAILED')
    expect((error as Error).message).not.toBe('SDK_INIT_FAILED')
    expect(session.getState().status).toBe('error')
    expect(await cometchat.count('PUT /v3.0/me')).toBe(0)
  })
})
