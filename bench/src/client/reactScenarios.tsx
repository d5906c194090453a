import { createCallsSession } from '@callsession/core'
import { CometChatAuthProvider, useCallsSession } from '@callsession/react'
import { act, render } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { installClock } from './clock.js'
import { countCalls, totalCalls } from './countCalls.js'
import { createFakeSdkV5 } from './fakeSdk.js'
import { leewaySeconds, lifetimeSeconds, type RoundTrips } from './roundTrips.js'
import { createCountingTokenSource } from './tokenSource.js'

const config = { appId: 'bench-app', region: 'us' } as const

/** A component that needs the call session and asks for it on mount, as many apps write it. */
function NeedsCalls() {
  const { status, login } = useCallsSession()
  useEffect(() => {
    login({ uid: 'alice' }).catch(() => {})
  }, [login])
  return <span>{status}</span>
}

/**
 * 50 components mounted at once under StrictMode (effects run twice), inside a provider that
 * follows `uid="alice"`, each also calling `login()` on mount: 100 logins and 2 syncs in all.
 */
export async function fiftyComponentsStrictMode(count = 50): Promise<RoundTrips> {
  const clock = installClock()
  try {
    const tokens = createCountingTokenSource({ lifetimeSeconds })
    const { sdk, counts } = countCalls(createFakeSdkV5())
    const session = createCallsSession({ ...config, fetchToken: tokens.fetchToken, sdk })
    const view = render(
      <StrictMode>
        <CometChatAuthProvider session={session} uid="alice">
          {Array.from({ length: count }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of identical components
            <NeedsCalls key={i} />
          ))}
        </CometChatAuthProvider>
      </StrictMode>,
    )
    for (let i = 0; i < 100 && session.getState().status !== 'authenticated'; i++) {
      await act(() => clock.tickAsync(10))
    }
    const result = {
      tokenRequests: tokens.requests,
      sdkLogins: counts.login ?? 0,
      sdkCalls: totalCalls(counts),
    }
    if (session.getState().status !== 'authenticated') {
      throw new Error(`50 components: ended ${session.getState().status}, not authenticated`)
    }
    view.unmount()
    session.destroy()
    return result
  } finally {
    clock.uninstall()
  }
}

/** Renders of a status consumer against the status changes it saw, during one proactive refresh. */
export interface RenderRun {
  statusChanges: number
  /** State updates that kept the status (e.g. a new `expiresAt`): should cost no render. */
  otherChanges: number
  renders: number
}

/** A consumer of the status slice only, reporting each of its renders. */
function Status({ onRender }: { onRender: () => void }) {
  onRender()
  const status = useCallsSession((s) => s.status)
  return <span>{status}</span>
}

/**
 * Counts renders of a `useCallsSession((s) => s.status)` consumer while a signed-in session
 * refreshes once (no StrictMode, so one render is one render).
 */
export async function rendersPerStatusChange(): Promise<RenderRun> {
  const clock = installClock()
  try {
    const tokens = createCountingTokenSource({ lifetimeSeconds })
    const { sdk } = countCalls(createFakeSdkV5())
    const session = createCallsSession({
      ...config,
      fetchToken: tokens.fetchToken,
      sdk,
      refreshLeewaySeconds: leewaySeconds,
    })
    let renders = 0
    const onRender = () => {
      renders++
    }
    const view = render(
      <CometChatAuthProvider session={session} uid="alice">
        <Status onRender={onRender} />
      </CometChatAuthProvider>,
    )
    for (let i = 0; i < 100 && session.getState().status !== 'authenticated'; i++) {
      await act(() => clock.tickAsync(10))
    }
    if (session.getState().status !== 'authenticated') throw new Error('sign-in did not finish')
    let statusChanges = 0
    let otherChanges = 0
    const unsubscribe = session.subscribe((state, previous) => {
      if (state.status !== previous.status) statusChanges++
      else otherChanges++
    })
    const rendersBefore = renders
    await act(() => clock.tickAsync((lifetimeSeconds - 1) * 1000))
    const result = { statusChanges, otherChanges, renders: renders - rendersBefore }
    unsubscribe()
    view.unmount()
    session.destroy()
    return result
  } finally {
    clock.uninstall()
  }
}
