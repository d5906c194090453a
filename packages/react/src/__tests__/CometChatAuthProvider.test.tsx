import type { CallsSession } from '@callsession/core'
import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { Component, type ReactNode, StrictMode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import {
  flush,
  grant,
  SessionProbe,
  slowTokenSource,
  tokenSourceFor,
  until,
} from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'

const tokenEndpoint = 'http://app.test/api/cometchat/token'
const tokenRequests: Request[] = []
let signedIn: string | null = 'alice'
const server = setupServer(
  http.post(tokenEndpoint, ({ request }) => {
    tokenRequests.push(request)
    if (!signedIn) {
      return HttpResponse.json(
        { error: { code: 'UNAUTHORIZED', message: 'Nobody is signed in' } },
        { status: 401 },
      )
    }
    return HttpResponse.json(grant(signedIn), { headers: { 'Cache-Control': 'no-store' } })
  }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  tokenRequests.length = 0
  signedIn = 'alice'
  vi.useRealTimers()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})
afterAll(() => server.close())

const base = { appId: 'app1', region: 'us' }

class Boundary extends Component<{ children: ReactNode; onError: (e: unknown) => void }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error)
  }
  override render() {
    return this.state.failed ? null : this.props.children
  }
}

describe('CometChatAuthProvider', () => {
  it('makes exactly one token request and one SDK login under StrictMode double mount', async () => {
    const fake = fakeSdk()
    let session: CallsSession | undefined
    render(
      <StrictMode>
        <CometChatAuthProvider {...base} tokenEndpoint={tokenEndpoint} sdk={fake.sdk} uid="alice">
          <SessionProbe onSession={(s) => (session ??= s)} />
        </CometChatAuthProvider>
      </StrictMode>,
    )
    if (!session) throw new Error('no session in context')
    const state = await until(session, (s) => s.status === 'authenticated')
    expect(state).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    await flush()
    expect(tokenRequests).toHaveLength(1)
    expect(fake.logins()).toBe(1)
    expect(fake.loggedInUid()).toBe('alice')
  })

  it('ends as A with no leaked session after a slow A→B→A switch', async () => {
    const fake = fakeSdk()
    const tokens = slowTokenSource()
    let session: CallsSession | undefined
    const tree = (uid: string) => (
      <CometChatAuthProvider {...base} fetchToken={tokens.fetchToken} sdk={fake.sdk} uid={uid}>
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>
    )
    const { rerender } = render(tree('alice'))
    await flush()
    rerender(tree('bob'))
    await flush()
    rerender(tree('alice'))
    await flush()
    if (!session) throw new Error('no session in context')
    // The answers come back late and out of order: bob's last of all.
    const [firstAlice, bob, ...rest] = tokens.calls
    firstAlice?.answer.resolve(grant('alice'))
    await flush()
    for (const call of rest) call.answer.resolve(grant('alice'))
    await flush()
    bob?.answer.resolve(grant('bob'))
    const state = await until(session, (s) => s.status === 'authenticated')
    await flush()
    expect(state).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(fake.loggedInUid()).toBe('alice')
    expect(fake.logins()).toBe(fake.logouts() + 1)
  })

  it('logs out when uid becomes null', async () => {
    const fake = fakeSdk()
    let uid = 'alice'
    const tokens = tokenSourceFor(() => uid)
    let session: CallsSession | undefined
    const tree = (u: string | null) => (
      <CometChatAuthProvider {...base} fetchToken={tokens.fetchToken} sdk={fake.sdk} uid={u}>
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>
    )
    const { rerender } = render(tree(uid))
    if (!session) throw new Error('no session in context')
    await until(session, (s) => s.status === 'authenticated')
    uid = ''
    rerender(tree(null))
    const state = await until(session, (s) => s.status === 'signed-out')
    await flush()
    expect(state.status).toBe('signed-out')
    expect(fake.loggedInUid()).toBeNull()
    expect(fake.logouts()).toBeGreaterThanOrEqual(1)
  })

  it('leaves login to the app when uid is not given', async () => {
    const fake = fakeSdk()
    const tokens = tokenSourceFor(() => 'alice')
    let session: CallsSession | undefined
    render(
      <CometChatAuthProvider {...base} fetchToken={tokens.fetchToken} sdk={fake.sdk}>
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>,
    )
    await flush()
    if (!session) throw new Error('no session in context')
    expect(tokens.issued).toHaveLength(0)
    expect(session.getState().status).toBe('signed-out')
    await session.login()
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })

  it('cleans up on unmount: no timers, no listeners, no open channels, SDK logged out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const added = new Set<string>()
    for (const target of [window, document]) {
      const name = target === window ? 'window' : 'document'
      const add = target.addEventListener.bind(target)
      const remove = target.removeEventListener.bind(target)
      vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
        added.add(`${name}:${type}`)
        add(type, listener, options)
      })
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
        added.delete(`${name}:${type}`)
        remove(type, listener, options)
      })
    }
    const open = new Set<BroadcastChannel>()
    vi.stubGlobal(
      'BroadcastChannel',
      class extends BroadcastChannel {
        constructor(name: string) {
          super(name)
          open.add(this)
        }
        override close() {
          open.delete(this)
          super.close()
        }
      },
    )
    const fake = fakeSdk()
    const tokens = tokenSourceFor(() => 'alice')
    let session: CallsSession | undefined
    const { unmount } = render(
      <StrictMode>
        <CometChatAuthProvider {...base} fetchToken={tokens.fetchToken} sdk={fake.sdk} uid="alice">
          <SessionProbe onSession={(s) => (session ??= s)} />
        </CometChatAuthProvider>
      </StrictMode>,
    )
    if (!session) throw new Error('no session in context')
    await until(session, (s) => s.status === 'authenticated')
    const state = session.getState()
    expect(state.status === 'authenticated' && state.expiresAt).toBeGreaterThan(0) // refresh armed
    unmount()
    await flush()
    // The SDK's HTTP stack keeps timers of its own, so the proof is behavioural: hours later no
    // refresh ran (a live refresh timer would have fetched a token).
    const issued = tokens.issued.length
    vi.advanceTimersByTime(2 * 3_600_000)
    await flush()
    expect(tokens.issued).toHaveLength(issued)
    expect(session.getState().status).toBe('signed-out')
    expect([...added]).toEqual([])
    expect(open.size).toBe(0)
    expect(fake.loggedInUid()).toBeNull()
  })

  it('does not destroy a session it was given', async () => {
    const fake = fakeSdk()
    const { createCallsSession } = await import('@callsession/core')
    const tokens = tokenSourceFor(() => 'alice')
    const session = createCallsSession({ ...base, fetchToken: tokens.fetchToken, sdk: fake.sdk })
    const { unmount } = render(<CometChatAuthProvider session={session} uid="alice" />)
    await until(session, (s) => s.status === 'authenticated')
    unmount()
    await flush()
    expect(session.getState()).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    await expect(session.refresh()).resolves.toBeUndefined()
    session.destroy()
  })

  it('surfaces a 401 from the token endpoint in state, not as a render error', async () => {
    signedIn = null
    const fake = fakeSdk()
    const onError = vi.fn()
    let session: CallsSession | undefined
    render(
      <Boundary onError={onError}>
        <CometChatAuthProvider {...base} tokenEndpoint={tokenEndpoint} sdk={fake.sdk} uid="alice">
          <SessionProbe onSession={(s) => (session = s)} />
        </CometChatAuthProvider>
      </Boundary>,
    )
    if (!session) throw new Error('no session in context')
    const state = await until(session, (s) => s.status === 'error')
    expect(state.status === 'error' && state.error.code).toBe('UNAUTHORIZED')
    expect(tokenRequests).toHaveLength(1) // 401 is never retried
    expect(onError).not.toHaveBeenCalled()
    expect(fake.logins()).toBe(0)
  })

  it('runs token fetches on the QueryClient it is given', async () => {
    const queryClient = new QueryClient()
    const added: unknown[] = []
    queryClient.getQueryCache().subscribe((e) => e.type === 'added' && added.push(e.query.queryKey))
    const fake = fakeSdk()
    let session: CallsSession | undefined
    render(
      <CometChatAuthProvider
        {...base}
        fetchToken={tokenSourceFor(() => 'alice').fetchToken}
        sdk={fake.sdk}
        queryClient={queryClient}
        uid="alice"
      >
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>,
    )
    if (!session) throw new Error('no session in context')
    await until(session, (s) => s.status === 'authenticated')
    expect(added).toHaveLength(1)
  })
})
