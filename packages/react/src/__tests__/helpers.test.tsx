import { type CallsSession, CallsSessionError } from '@callsession/core'
import { act, render, screen } from '@testing-library/react'
import { Component, type ReactNode, StrictMode, Suspense } from 'react'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { flush, grant, SessionProbe, slowTokenSource, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import { RequireCallsSession } from '../RequireCallsSession.js'
import { useCallsSession } from '../useCallsSession.js'
import { useSuspenseCallsSession } from '../useSuspenseCallsSession.js'

afterEach(() => vi.restoreAllMocks())

/** Render errors an error boundary catches are still reported (console, and window.onerror on React 18). */
function quietRenderErrors() {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const quiet = (event: ErrorEvent) => event.preventDefault()
  window.addEventListener('error', quiet)
  onTestFinished(() => window.removeEventListener('error', quiet))
}

const base = { appId: 'app1', region: 'us' } as const

/** A provider for `uid` whose token answers wait for the test; hands back the session. */
function mount(uid: string | null | undefined, children: ReactNode, strict = false) {
  const tokens = slowTokenSource()
  let session: CallsSession | undefined
  const tree = (
    <CometChatAuthProvider {...base} fetchToken={tokens.fetchToken} sdk={fakeSdk().sdk} uid={uid}>
      <SessionProbe onSession={(s) => (session = s)} />
      {children}
    </CometChatAuthProvider>
  )
  render(strict ? <StrictMode>{tree}</StrictMode> : tree)
  if (!session) throw new Error('no session in context')
  return { session, tokens }
}

class Boundary extends Component<{ children: ReactNode }> {
  override state: { error?: unknown } = {}
  static getDerivedStateFromError(error: unknown) {
    return { error }
  }
  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    return <p>caught {(error as CallsSessionError).code}</p>
  }
}

function Required({ onUnauthenticated }: { onUnauthenticated: (e?: CallsSessionError) => void }) {
  const { status } = useCallsSession({ required: true, onUnauthenticated })
  return <p>{status}</p>
}

describe('useCallsSession({ required: true, onUnauthenticated })', () => {
  it('is not called while the sign-in for the uid runs, and is once it fails', async () => {
    const onUnauthenticated = vi.fn()
    const { session, tokens } = mount(
      'alice',
      <Required onUnauthenticated={onUnauthenticated} />,
      true,
    )
    await flush()
    expect(onUnauthenticated).not.toHaveBeenCalled()
    await act(async () => tokens.calls[0]?.answer.resolve(grant('bob'))) // the server disagrees
    await until(session, (s) => s.status === 'error')
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    expect(onUnauthenticated.mock.calls[0]?.[0]).toMatchObject({ code: 'UID_MISMATCH' })
  })

  it('is called once when nobody is signed in, and again after a later sign-out', async () => {
    const onUnauthenticated = vi.fn()
    const { session, tokens } = mount(
      undefined,
      <Required onUnauthenticated={onUnauthenticated} />,
      true,
    )
    await flush()
    expect(onUnauthenticated).toHaveBeenCalledTimes(1) // StrictMode's second effect does not repeat it
    expect(onUnauthenticated).toHaveBeenCalledWith(undefined)
    let login: Promise<unknown> = Promise.resolve()
    await act(async () => {
      login = session.login({ uid: 'alice' })
    })
    await flush()
    await act(async () => {
      tokens.calls[0]?.answer.resolve(grant('alice'))
      await login
    })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    await act(() => session.logout())
    expect(onUnauthenticated).toHaveBeenCalledTimes(2)
  })
})

describe('<RequireCallsSession fallback>', () => {
  it('shows the fallback until authenticated, then the children, also during a refresh', async () => {
    const { session, tokens } = mount(
      'alice',
      <RequireCallsSession fallback={<p>fallback</p>}>
        <p>call screen</p>
      </RequireCallsSession>,
    )
    expect(screen.getByText('fallback')).toBeTruthy()
    await flush()
    await act(async () => tokens.calls[0]?.answer.resolve(grant('alice')))
    await until(session, (s) => s.status === 'authenticated')
    expect(screen.getByText('call screen')).toBeTruthy()
    act(() => void session.refresh().catch(() => {}))
    expect(session.getState().status).toBe('refreshing')
    expect(screen.getByText('call screen')).toBeTruthy()
    await act(() => session.logout())
    expect(screen.getByText('fallback')).toBeTruthy()
  })
})

function CallAs() {
  const { user } = useSuspenseCallsSession()
  return <p>call as {user.uid}</p>
}

describe('useSuspenseCallsSession()', () => {
  it('suspends while the sign-in runs, then renders the signed-in user', async () => {
    const { session, tokens } = mount(
      'alice',
      <Suspense fallback={<p>suspended</p>}>
        <CallAs />
      </Suspense>,
    )
    expect(screen.getByText('suspended')).toBeTruthy()
    await flush()
    await act(async () => tokens.calls[0]?.answer.resolve(grant('alice')))
    await until(session, (s) => s.status === 'authenticated')
    await flush()
    expect(screen.getByText('call as alice')).toBeTruthy()
  })

  it('throws the CallsSessionError to the nearest error boundary when the sign-in fails', async () => {
    quietRenderErrors()
    const { session, tokens } = mount(
      'alice',
      <Boundary>
        <Suspense fallback={<p>suspended</p>}>
          <CallAs />
        </Suspense>
      </Boundary>,
    )
    await flush()
    await act(async () => tokens.calls[0]?.answer.reject(new CallsSessionError('UNAUTHORIZED')))
    await until(session, (s) => s.status === 'error')
    await flush()
    expect(screen.getByText('caught UNAUTHORIZED')).toBeTruthy()
  })

  it('throws NOT_AUTHENTICATED when nobody is signing in', () => {
    quietRenderErrors()
    mount(
      null,
      <Boundary>
        <CallAs />
      </Boundary>,
    )
    expect(screen.getByText('caught NOT_AUTHENTICATED')).toBeTruthy()
  })
})
