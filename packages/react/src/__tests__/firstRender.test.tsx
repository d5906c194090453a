import { createCallsSession } from '@callsession/core'
import { act, render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { flush, slowTokenSource, tokenSourceFor } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import type { CallsSessionView } from '../sessionView.js'
import { useCallsSession } from '../useCallsSession.js'

const base = { appId: 'app1', region: 'us' } as const

/** Records every view it renders with. */
function Recorder({ views }: { views: CallsSessionView[] }) {
  const { status, isLoading, isAuthenticated, user } = useCallsSession()
  views.push({ status, isLoading, isAuthenticated, user } as CallsSessionView)
  return null
}

describe('the first render', () => {
  it('is authenticating when a uid is given, before any effect ran', () => {
    const views: CallsSessionView[] = []
    const tokens = slowTokenSource()
    render(
      <CometChatAuthProvider
        {...base}
        fetchToken={tokens.fetchToken}
        sdk={fakeSdk().sdk}
        uid="alice"
      >
        <Recorder views={views} />
      </CometChatAuthProvider>,
    )
    expect(views[0]).toMatchObject({ status: 'authenticating', isLoading: true })
    expect(views.map((v) => v.status)).not.toContain('signed-out')
  })

  it('is signed-out with uid null or absent', () => {
    for (const uid of [null, undefined]) {
      const views: CallsSessionView[] = []
      render(
        <CometChatAuthProvider {...base} fetchToken={slowTokenSource().fetchToken} uid={uid}>
          <Recorder views={views} />
        </CometChatAuthProvider>,
      )
      expect(views[0]).toMatchObject({ status: 'signed-out', isLoading: false })
    }
  })

  it('is authenticating for a uid that arrives later, until the sign-in starts', async () => {
    const views: CallsSessionView[] = []
    const tokens = slowTokenSource()
    const tree = (uid: string | null) => (
      <CometChatAuthProvider {...base} fetchToken={tokens.fetchToken} sdk={fakeSdk().sdk} uid={uid}>
        <Recorder views={views} />
      </CometChatAuthProvider>
    )
    const { rerender } = render(tree(null))
    await flush()
    views.length = 0
    rerender(tree('alice'))
    expect(views.map((v) => v.status)).toEqual(['authenticating'])
  })

  it('shows a sign-out the app made itself, even while the uid prop stays', async () => {
    const views: CallsSessionView[] = []
    const session = createCallsSession({
      ...base,
      fetchToken: tokenSourceFor(() => 'alice').fetchToken,
      sdk: fakeSdk().sdk,
    })
    render(
      <CometChatAuthProvider session={session} uid="alice">
        <Recorder views={views} />
      </CometChatAuthProvider>,
    )
    await act(() => session.login({ uid: 'alice' }))
    expect(views.at(-1)).toMatchObject({ status: 'authenticated', isAuthenticated: true })
    await act(() => session.logout())
    expect(views.at(-1)).toMatchObject({ status: 'signed-out', isLoading: false })
    session.destroy()
  })
})
