import type { CallsSession, CallsSessionOptions, FetchToken } from '@callsession/core'
import { act, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { flush, SessionProbe, tokenSourceFor, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

type Options = Omit<CallsSessionOptions, 'fetchToken' | 'tokenEndpoint'> & Record<string, unknown>
const base: Options = { appId: 'app1', region: 'us' }

/** Renders a provider for alice and hands back a rerender with other options or another fetchToken. */
function mount(options: Options, fetchToken: FetchToken) {
  let session: CallsSession | undefined
  const tree = (next: Options, nextFetchToken: FetchToken) => (
    <CometChatAuthProvider {...next} fetchToken={nextFetchToken} uid="alice">
      <SessionProbe onSession={(s) => (session = s)} />
    </CometChatAuthProvider>
  )
  const view = render(tree(options, fetchToken))
  return {
    current: () => {
      if (!session) throw new Error('no session in context')
      return session
    },
    rerender: (next: Options, nextFetchToken = fetchToken) =>
      view.rerender(tree(next, nextFetchToken)),
  }
}

describe('prop changes after mount', () => {
  it('uses the newest fetchToken for the next token request', async () => {
    const first = tokenSourceFor(() => 'alice')
    const second = tokenSourceFor(() => 'alice')
    const provider = mount({ ...base, sdk: fakeSdk().sdk }, first.fetchToken)
    const session = provider.current()
    await until(session, (s) => s.status === 'authenticated')
    provider.rerender({ ...base, sdk: fakeSdk().sdk }, second.fetchToken)
    await act(() => session.refresh())
    expect(provider.current()).toBe(session) // a new fetchToken is no reason for a new session
    expect(first.issued).toHaveLength(1)
    expect(second.issued).toHaveLength(1)
  })

  it.each([
    ['appId', 'app2'],
    ['region', 'eu'],
    ['host', 'https://calls.example.test/'],
    ['clientHost', 'https://client.example.test'],
    ['adminHost', 'https://admin.example.test'],
  ])('re-creates the session when %s changes, with a development warning', async (name, value) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const tokens = tokenSourceFor(() => 'alice')
    const provider = mount({ ...base, sdk: fakeSdk().sdk }, tokens.fetchToken)
    const old = provider.current()
    await until(old, (s) => s.status === 'authenticated')
    const sdk = fakeSdk()
    provider.rerender({ ...base, [name]: value, sdk: sdk.sdk })
    const fresh = provider.current()
    expect(fresh).not.toBe(old)
    await until(fresh, (s) => s.status === 'authenticated')
    // The new page's SDK may still be swapping tokens over HTTP (v5 clears its user meanwhile).
    await vi.waitFor(() => expect(sdk.loggedInUid()).toBe('alice'))
    expect(old.getState().status).toBe('signed-out')
    await expect(old.login()).rejects.toMatchObject({ code: 'DESTROYED' })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/appId, region or a host changed/)
  })

  it('keeps the session when nothing that names the app changed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const tokens = tokenSourceFor(() => 'alice')
    const sdk = fakeSdk().sdk
    const provider = mount({ ...base, host: 'https://calls.example.test/', sdk }, tokens.fetchToken)
    const session = provider.current()
    await until(session, (s) => s.status === 'authenticated')
    // A new but equal options object on every render, as inline props are.
    provider.rerender({ ...base, host: 'https://calls.example.test/', sdk })
    provider.rerender({
      ...base,
      host: 'https://calls.example.test/',
      sdk,
      refreshLeewaySeconds: 5,
    })
    await flush()
    expect(provider.current()).toBe(session)
    expect(session.getState().status).toBe('authenticated')
    expect(warn).not.toHaveBeenCalled()
  })

  it('does not warn in a production build', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const provider = mount(
      { ...base, sdk: fakeSdk().sdk },
      tokenSourceFor(() => 'alice').fetchToken,
    )
    provider.rerender({ ...base, region: 'eu', sdk: fakeSdk().sdk })
    await flush()
    expect(warn).not.toHaveBeenCalled()
  })

  it('switches from a session it was given to one of its own, and back', async () => {
    const { createCallsSession } = await import('@callsession/core')
    const options = {
      ...base,
      sdk: fakeSdk().sdk,
      fetchToken: tokenSourceFor(() => 'alice').fetchToken,
    }
    const given = createCallsSession(options)
    let session: CallsSession | undefined
    const probe = <SessionProbe onSession={(s) => (session = s)} />
    const view = render(<CometChatAuthProvider session={given}>{probe}</CometChatAuthProvider>)
    expect(session).toBe(given)
    view.rerender(<CometChatAuthProvider {...options}>{probe}</CometChatAuthProvider>)
    const own = session
    expect(own).not.toBe(given)
    view.rerender(<CometChatAuthProvider session={given}>{probe}</CometChatAuthProvider>)
    await flush()
    expect(session).toBe(given)
    await expect(own?.login()).rejects.toMatchObject({ code: 'DESTROYED' })
    await expect(act(() => given.login({ uid: 'alice' }))).resolves.toMatchObject({ uid: 'alice' })
    given.destroy()
  })
})
