import type { CallsSession, CallsSessionError, CallsSessionEvent } from '@callsession/core'
import { act, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { flush, grant, SessionProbe, slowTokenSource, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import { useCallsSession } from '../useCallsSession.js'

const preloads = vi.hoisted(() => ({ count: 0 }))
vi.mock('@callsession/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@callsession/core')>()
  return {
    ...core,
    preloadCallsSdk: () => {
      preloads.count++
      return new Promise<never>(() => {})
    },
  }
})

afterEach(() => {
  preloads.count = 0
})

const base = { appId: 'app1', region: 'us' } as const

function Required({ on }: { on: (error?: CallsSessionError) => void }) {
  useCallsSession({ required: true, onUnauthenticated: on })
  return null
}

describe('the provider subscribes its callbacks for as long as it is mounted', () => {
  it('preloadSdk starts loading the SDK when the provider mounts, and only when asked', async () => {
    const tokens = slowTokenSource()
    const tree = (preloadSdk: boolean) => (
      <CometChatAuthProvider
        {...base}
        fetchToken={tokens.fetchToken}
        sdk={fakeSdk().sdk}
        preloadSdk={preloadSdk}
      >
        <p>app</p>
      </CometChatAuthProvider>
    )
    const view = render(tree(false))
    await flush()
    expect(preloads.count).toBe(0)
    view.rerender(tree(true)) // turned on later (e.g. the login route mounts)
    await flush()
    expect(preloads.count).toBe(1)
  })

  it('no event reaches onEvent once the provider is unmounted', async () => {
    const tokens = slowTokenSource()
    const events: CallsSessionEvent['type'][] = []
    let session: CallsSession | undefined
    const view = render(
      <CometChatAuthProvider
        {...base}
        fetchToken={tokens.fetchToken}
        sdk={fakeSdk().sdk}
        uid="alice"
        onEvent={(event) => events.push(event.type)}
      >
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>,
    )
    if (!session) throw new Error('no session')
    await flush()
    await act(async () => tokens.calls[0]?.answer.resolve(grant('alice')))
    await until(session, (s) => s.status === 'authenticated')
    const before = events.length
    view.unmount()
    // The provider destroys its own session after unmount: that sign-out is not the app's news.
    await until(session, (s) => s.status === 'signed-out')
    expect(events.slice(before)).toEqual([])
  })

  it('onUnauthenticated given on a later render is the one called', async () => {
    const tokens = slowTokenSource()
    const first = vi.fn<(error?: CallsSessionError) => void>()
    const second = vi.fn<(error?: CallsSessionError) => void>()
    let session: CallsSession | undefined
    const tree = (child: ReactNode) => (
      <CometChatAuthProvider
        {...base}
        fetchToken={tokens.fetchToken}
        sdk={fakeSdk().sdk}
        uid="alice"
      >
        <SessionProbe onSession={(s) => (session = s)} />
        {child}
      </CometChatAuthProvider>
    )
    const view = render(tree(<Required on={first} />))
    if (!session) throw new Error('no session')
    await flush()
    view.rerender(tree(<Required on={second} />))
    await act(async () => tokens.calls[0]?.answer.resolve(grant('bob'))) // the server disagrees
    await until(session, (s) => s.status === 'error')
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)
    expect(second.mock.calls[0]?.[0]).toMatchObject({ code: 'UID_MISMATCH' })
  })

  it('a new session (appId changed) gets the callbacks; a change that keeps the status is no status change', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const tokens = slowTokenSource()
    const statuses: string[] = []
    const events: CallsSessionEvent['type'][] = []
    let session: CallsSession | undefined
    const tree = (appId: string) => (
      <CometChatAuthProvider
        appId={appId}
        region="us"
        fetchToken={tokens.fetchToken}
        sdk={fakeSdk().sdk}
        uid="alice"
        onEvent={(event) => events.push(event.type)}
        onStatusChange={(status, previous) => statuses.push(`${previous}→${status}`)}
      >
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>
    )
    const view = render(tree('app1'))
    const first = session
    view.rerender(tree('app2'))
    const second = session
    if (!first || !second || first === second) throw new Error('expected a new session')
    await flush()
    await act(async () => tokens.calls.at(-1)?.answer.resolve(grant('alice')))
    await until(second, (s) => s.status === 'authenticated')
    expect(events).toContain('SIGNED_IN')
    expect(statuses.at(-1)).toBe('authenticating→authenticated')
    const count = statuses.length
    // A state change that keeps the status (e.g. a later expiry): no onStatusChange.
    await act(async () => second.store.setState({ ...second.getState() }, true))
    expect(statuses).toHaveLength(count)
  })
})
