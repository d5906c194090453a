import { type CallsSession, createCallsSession } from '@callsession/core'
import { act, render, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { grant, slowTokenSource, tokenSourceFor, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import type { CallsSessionView } from '../sessionView.js'
import { useCallsSession } from '../useCallsSession.js'

const sessions: CallsSession[] = []
function newSession(fetchToken = tokenSourceFor(() => 'alice').fetchToken) {
  const session = createCallsSession({
    appId: 'app1',
    region: 'us',
    fetchToken,
    sdk: fakeSdk().sdk,
  })
  sessions.push(session)
  return session
}
afterEach(() => {
  for (const s of sessions.splice(0)) s.destroy()
  vi.restoreAllMocks()
})

/** Counts its own renders and shows what it selected. */
function Counter<T>(props: { select: (s: CallsSessionView) => T; renders: T[] }) {
  const value = useCallsSession(props.select)
  props.renders.push(value)
  return null
}

/** Uses no session at all: the provider must not re-render it. */
function Bystander({ counter }: { counter: { renders: number } }) {
  counter.renders += 1
  return null
}

describe('useCallsSession', () => {
  it('returns the state view and the actions of the session', async () => {
    const session = newSession()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <CometChatAuthProvider session={session}>{children}</CometChatAuthProvider>
    )
    const { result } = renderHook(() => useCallsSession(), { wrapper })
    expect(result.current).toMatchObject({
      status: 'signed-out',
      user: undefined,
      error: undefined,
      expiresAt: undefined,
      session,
    })
    const { login, logout } = result.current
    await act(() => login({ uid: 'alice' }))
    expect(result.current).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
    expect(result.current.expiresAt).toBeGreaterThan(Date.now())
    expect(result.current.login).toBe(login) // actions keep their identity across state changes
    await act(() => logout())
    expect(result.current.status).toBe('signed-out')
  })

  it('re-renders a selector consumer exactly once per change of its slice, never on others', async () => {
    const tokens = slowTokenSource()
    const session = newSession(tokens.fetchToken)
    const statuses: string[] = []
    const uids: (string | null)[] = []
    const bystander = { renders: 0 }
    render(
      <CometChatAuthProvider session={session}>
        <Counter select={(s) => s.status} renders={statuses} />
        <Counter select={(s) => s.user?.uid ?? null} renders={uids} />
        <Bystander counter={bystander} />
      </CometChatAuthProvider>,
    )
    // One act per transition, so React (18 batches inside act) renders each state it is shown.
    let pending: Promise<unknown> = Promise.resolve()
    await act(async () => {
      pending = session.login({ uid: 'alice' })
    })
    await act(async () => {
      tokens.calls[0]?.answer.resolve(grant('alice'))
      await pending
    })
    await act(async () => {
      pending = session.refresh()
    })
    await act(async () => {
      tokens.calls[1]?.answer.resolve(grant('alice'))
      await pending
    })
    expect(statuses).toEqual([
      'signed-out',
      'authenticating',
      'authenticated',
      'refreshing',
      'authenticated',
    ])
    expect(uids).toEqual([null, 'alice'])
    expect(bystander.renders).toBe(1)
  })

  it('re-renders the no-selector form only when a field it returns changes', async () => {
    const session = newSession()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <CometChatAuthProvider session={session}>{children}</CometChatAuthProvider>
    )
    let renders = 0
    const { result } = renderHook(
      () => {
        renders += 1
        return useCallsSession()
      },
      { wrapper },
    )
    await act(() => session.login({ uid: 'alice' }))
    const settled = renders
    const before = result.current
    // A state object that is new but equal field by field changes nothing for the consumer.
    act(() => session.store.setState({ ...session.getState() }, true))
    expect(renders).toBe(settled)
    expect(result.current).toBe(before)
  })

  it('takes a selector that returns a new object each time, re-rendering only on its change', async () => {
    const tokens = slowTokenSource()
    const session = newSession(tokens.fetchToken)
    const renders: { status: string }[] = []
    render(
      <CometChatAuthProvider session={session}>
        <Counter select={(s) => ({ status: s.status })} renders={renders} />
      </CometChatAuthProvider>,
    )
    let pending: Promise<unknown> = Promise.resolve()
    await act(async () => {
      pending = session.login({ uid: 'alice' })
    })
    await act(async () => {
      tokens.calls[0]?.answer.resolve(grant('alice'))
      await pending
    })
    act(() => session.store.setState({ ...session.getState() }, true))
    expect(renders.map((r) => r.status)).toEqual(['signed-out', 'authenticating', 'authenticated'])
  })

  it('gives the selector the same flattened view as the no-selector form', async () => {
    const session = newSession()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <CometChatAuthProvider session={session}>{children}</CometChatAuthProvider>
    )
    const { result } = renderHook(
      () => ({ selected: useCallsSession((s) => s), whole: useCallsSession() }),
      { wrapper },
    )
    await act(() => session.login({ uid: 'alice' }))
    const { selected, whole } = result.current
    expect(selected).toEqual({
      status: whole.status,
      user: whole.user,
      error: whole.error,
      expiresAt: whole.expiresAt,
      isAuthenticated: true,
      isLoading: false,
    })
  })

  it('keeps isAuthenticated through a refresh; isLoading is the sign-in only', async () => {
    const tokens = slowTokenSource()
    const session = newSession(tokens.fetchToken)
    const flags: string[] = []
    render(
      <CometChatAuthProvider session={session}>
        <Counter
          select={(s) => `${s.status} auth=${s.isAuthenticated} loading=${s.isLoading}`}
          renders={flags}
        />
      </CometChatAuthProvider>,
    )
    let pending: Promise<unknown> = Promise.resolve()
    await act(async () => {
      pending = session.login({ uid: 'alice' })
    })
    await act(async () => {
      tokens.calls[0]?.answer.resolve(grant('alice'))
      await pending
    })
    await act(async () => {
      pending = session.refresh()
    })
    await act(async () => {
      tokens.calls[1]?.answer.reject(new TypeError('offline'))
      await pending.catch(() => {})
    })
    expect(flags).toEqual([
      'signed-out auth=false loading=false',
      'authenticating auth=false loading=true',
      'authenticated auth=true loading=false',
      'refreshing auth=true loading=false',
      'authenticated auth=true loading=false',
    ])
  })

  it('throws an error that says what to do when used outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // React 18 also reports render errors to window.onerror, which jsdom prints.
    const quiet = (event: ErrorEvent) => event.preventDefault()
    window.addEventListener('error', quiet)
    onTestFinished(() => window.removeEventListener('error', quiet))
    expect(() => renderHook(() => useCallsSession())).toThrow(
      /useCallsSession\(\) must be used inside <CometChatAuthProvider>/,
    )
    expect(() => renderHook(() => useCallsSession((s) => s.status))).toThrow(/wrap your app/)
  })

  it('keeps working after the provider is torn down and remounted by StrictMode', async () => {
    const wrapperSession: { current?: CallsSession } = {}
    const { result } = renderHook(
      () => {
        const value = useCallsSession()
        wrapperSession.current = value.session
        return value
      },
      {
        wrapper: ({ children }) => (
          <CometChatAuthProvider
            appId="app1"
            region="us"
            fetchToken={tokenSourceFor(() => 'alice').fetchToken}
            sdk={fakeSdk().sdk}
            uid="alice"
          >
            {children}
          </CometChatAuthProvider>
        ),
        reactStrictMode: true,
      },
    )
    const session = wrapperSession.current
    if (!session) throw new Error('no session')
    await until(session, (s) => s.status === 'authenticated')
    expect(result.current).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })
})
