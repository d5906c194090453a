import { type CallsSessionState, createCallsSession, type FetchToken } from '@callsession/core'
import { type CallsSessionView, CometChatAuthProvider, useCallsSession } from '@callsession/react'
import { act, render } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { installClock } from './clock.js'
import { totalCalls } from './countCalls.js'
import { leewaySeconds, lifetimeSeconds, type RoundTrips, v5Page } from './roundTrips.js'
import { settle } from './settle.js'

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
  const { config, tokens, sdk, counts } = await v5Page()
  const clock = installClock()
  try {
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
    // The SDK signs in over real HTTP: tick the fake clock until it has (bounded).
    for (let i = 0; i < 3000 && session.getState().status !== 'authenticated'; i++) {
      await act(() => clock.tickAsync(10))
    }
    const result = {
      tokenRequests: tokens.requests,
      sdkLogins: counts.loginWithAuthToken ?? 0,
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

/** How often a slice of the state changed, and how often its consumer rendered for it. */
export interface SliceRenders {
  changes: number
  renders: number
}

/** Renders of four consumers against the state changes they saw, during two proactive refreshes. */
export interface RenderRun {
  /** `useCallsSession((s) => s.status)` against status changes. */
  status: SliceRenders
  /** `useCallsSession((s) => s.user?.name)` against changes of the user's name (a renamed profile). */
  userName: SliceRenders
  /** `useCallsSession((s) => s.expiresAt)` against changes of the expiry (each new token). */
  expiresAt: SliceRenders
  /** `useCallsSession()` (no selector) against state updates that changed any field it returns. */
  whole: SliceRenders
  /** State updates in all. */
  updates: number
}

/** Renders a selected slice, counting its renders. */
function Slice<T>({
  select,
  onRender,
}: {
  select: (s: CallsSessionView) => T
  onRender: () => void
}) {
  onRender()
  return <span>{String(useCallsSession(select))}</span>
}

/** Uses the whole view, counting its renders. */
function Whole({ onRender }: { onRender: () => void }) {
  onRender()
  const { status } = useCallsSession()
  return <span>{status}</span>
}

const viewFields = (s: CallsSessionState) =>
  [s.status, 'user' in s ? s.user : undefined, 'expiresAt' in s ? s.expiresAt : undefined] as const

/**
 * Counts renders of consumers of the status, the user's name, the expiry and the whole view while a
 * signed-in session refreshes twice: the first refresh keeps the profile, the second brings the
 * user renamed (as after a profile edit). No StrictMode, so one render is one render.
 */
export async function rendersPerChange(): Promise<RenderRun> {
  const { config, tokens, sdk } = await v5Page()
  const clock = installClock()
  try {
    // From the third token on (login, refresh 1, refresh 2), the server reports the new name.
    const fetchToken: FetchToken = async (context) => {
      const grant = await tokens.fetchToken(context)
      return tokens.requests < 3 ? grant : { ...grant, user: { uid: grant.uid, name: 'Alice B.' } }
    }
    const session = createCallsSession({
      ...config,
      fetchToken,
      sdk,
      refreshLeewaySeconds: leewaySeconds,
    })
    const renders = { status: 0, userName: 0, expiresAt: 0, whole: 0 }
    const view = render(
      <CometChatAuthProvider session={session} uid="alice">
        <Slice select={(s) => s.status} onRender={() => renders.status++} />
        <Slice select={(s) => s.user?.name} onRender={() => renders.userName++} />
        <Slice select={(s) => s.expiresAt} onRender={() => renders.expiresAt++} />
        <Whole onRender={() => renders.whole++} />
      </CometChatAuthProvider>,
    )
    for (let i = 0; i < 3000 && session.getState().status !== 'authenticated'; i++) {
      await act(() => clock.tickAsync(10))
    }
    if (session.getState().status !== 'authenticated') throw new Error('sign-in did not finish')
    const changes = { status: 0, userName: 0, expiresAt: 0, whole: 0 }
    let updates = 0
    const unsubscribe = session.subscribe((state, previous) => {
      updates++
      const [status, user, expiresAt] = viewFields(state)
      const [statusBefore, userBefore, expiresAtBefore] = viewFields(previous)
      if (status !== statusBefore) changes.status++
      if (user?.name !== userBefore?.name) changes.userName++
      if (expiresAt !== expiresAtBefore) changes.expiresAt++
      if (status !== statusBefore || user !== userBefore || expiresAt !== expiresAtBefore) {
        changes.whole++
      }
    })
    const before = { ...renders }
    // Two refreshes: each falls due at the token's expiry minus the leeway. The clock jumps to a
    // second before each, then steps until the swap (real HTTP to the emulator) has landed.
    for (let refresh = 0; refresh < 2; refresh++) {
      const refreshed = new Promise<void>((resolve) => {
        const off = session.on((event) => {
          if (event.type !== 'TOKEN_REFRESHED') return
          off()
          resolve()
        })
      })
      await act(() => clock.tickAsync((lifetimeSeconds - leewaySeconds - 1) * 1000))
      await act(() => settle(clock, refreshed))
    }
    const slice = (name: keyof typeof renders): SliceRenders => ({
      changes: changes[name],
      renders: renders[name] - before[name],
    })
    const result = {
      status: slice('status'),
      userName: slice('userName'),
      expiresAt: slice('expiresAt'),
      whole: slice('whole'),
      updates,
    }
    unsubscribe()
    view.unmount()
    session.destroy()
    return result
  } finally {
    clock.uninstall()
  }
}
