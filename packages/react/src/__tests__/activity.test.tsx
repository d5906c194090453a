import type { CallsSession } from '@callsession/core'
import { act, render } from '@testing-library/react'
import * as React from 'react'
import { describe, expect, it } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { flush, SessionProbe, tokenSourceFor, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import { useCallsSession } from '../useCallsSession.js'

/** `<Activity>` is React 19.2+; the React 18 project runs without it. */
const Activity = 'Activity' in React ? React.Activity : undefined

function Status() {
  return <p>{useCallsSession((s) => s.status)}</p>
}

describe.skipIf(!Activity)('<Activity> around the provider', () => {
  it('hidden, then visible, leaves a working session', async () => {
    if (!Activity) return
    const fake = fakeSdk()
    const tokens = tokenSourceFor(() => 'alice')
    let session: CallsSession | undefined
    const tree = (mode: 'hidden' | 'visible') => (
      <Activity mode={mode}>
        <CometChatAuthProvider
          appId="app1"
          region="us"
          fetchToken={tokens.fetchToken}
          sdk={fake.sdk}
          uid="alice"
        >
          <SessionProbe onSession={(s) => (session = s)} />
          <Status />
        </CometChatAuthProvider>
      </Activity>
    )
    const view = render(tree('visible'))
    if (!session) throw new Error('no session in context')
    await until(session, (s) => s.status === 'authenticated')
    view.rerender(tree('hidden'))
    await flush()
    view.rerender(tree('visible'))
    await flush()
    const shown = session
    const state = await until(shown, (s) => s.status === 'authenticated')
    expect(state).toMatchObject({ user: { uid: 'alice' } })
    expect(view.container.textContent).toBe('authenticated')
    await act(() => shown.refresh())
    await expect(act(() => shown.generateCallToken('room-1'))).resolves.toEqual(expect.any(String))
    expect(fake.loggedInUid()).toBe('alice')
  })
})
