import { act, render, screen } from '@testing-library/react'
import * as React from 'react'
import { Suspense } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { tokenSourceFor } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import { useCallsSession } from '../useCallsSession.js'

// Issue 16: SSR hydration through the provider (no token in it), and whenAuthenticated with use().
const alice = { uid: 'alice', name: 'User alice' }

function Name() {
  const { status, user } = useCallsSession()
  return (
    <p>
      {status}: {user?.name ?? 'nobody'}
    </p>
  )
}

describe('initialState (SSR hydration)', () => {
  it('the server-rendered state shows in the first render, and the browser confirms it', async () => {
    const props = {
      appId: 'app1',
      region: 'us',
      fetchToken: tokenSourceFor(() => 'alice').fetchToken,
      initialState: { status: 'authenticated' as const, user: alice },
      uid: 'alice',
    }
    const html = renderToString(
      <CometChatAuthProvider {...props} sdk={fakeSdk().sdk}>
        <Name />
      </CometChatAuthProvider>,
    )
    expect(html).toContain('User alice')
    const sdk = fakeSdk()
    render(
      <CometChatAuthProvider {...props} sdk={sdk.sdk}>
        <Name />
      </CometChatAuthProvider>,
    )
    expect(screen.getByText(/User alice/)).toBeTruthy()
    await expect.poll(() => sdk.loggedInUid()).toBe('alice')
    expect(screen.getByText(/authenticated: User alice/)).toBeTruthy()
  })
})

/** `use()` is React 19+; the React 18 project runs without it. */
const use = 'use' in React ? (React.use as <T>(promise: Promise<T>) => T) : undefined

function CallerName() {
  const { session } = useCallsSession()
  return <p>calling as {use?.(session.whenAuthenticated()).name}</p>
}

describe.skipIf(!use)('whenAuthenticated with use()', () => {
  it('use(session.whenAuthenticated()) suspends until signed in, then renders the user', async () => {
    // Rendered inside act so the provider's effect (the sign-in) runs while the child suspends.
    await act(async () => {
      render(
        <CometChatAuthProvider
          appId="app1"
          region="us"
          fetchToken={tokenSourceFor(() => 'alice').fetchToken}
          sdk={fakeSdk().sdk}
          uid="alice"
        >
          <Suspense fallback={<p>signing in…</p>}>
            <CallerName />
          </Suspense>
        </CometChatAuthProvider>,
      )
    })
    expect(await screen.findByText('calling as User alice', {}, { timeout: 15_000 })).toBeTruthy()
    expect(screen.queryByText('signing in…')).toBeNull()
  })
})
