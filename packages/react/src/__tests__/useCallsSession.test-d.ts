import type {
  CallsSession,
  CallsSessionError,
  CallsSessionStatus,
  CallsUser,
} from '@callsession/core'
import { describe, expectTypeOf, it } from 'vitest'
import type { CallsSessionView } from '../sessionView.js'
import { useCallsSession } from '../useCallsSession.js'

describe('useCallsSession types', () => {
  it('returns the flattened state and the actions without a selector', () => {
    const result = useCallsSession()
    expectTypeOf(result.status).toEqualTypeOf<CallsSessionStatus>()
    expectTypeOf(result.user).toEqualTypeOf<CallsUser | undefined>()
    expectTypeOf(result.error).toEqualTypeOf<CallsSessionError | undefined>()
    expectTypeOf(result.expiresAt).toEqualTypeOf<number | undefined>()
    expectTypeOf(result.isAuthenticated).toEqualTypeOf<boolean>()
    expectTypeOf(result.isLoading).toEqualTypeOf<boolean>()
    expectTypeOf(result.login).toEqualTypeOf<CallsSession['login']>()
    expectTypeOf(result.logout).toEqualTypeOf<() => Promise<void>>()
    expectTypeOf(result.refresh).toEqualTypeOf<() => Promise<void>>()
    expectTypeOf(result.generateCallToken).toEqualTypeOf<(sessionId: string) => Promise<string>>()
    expectTypeOf(result.session).toEqualTypeOf<CallsSession>()
  })

  it('narrows on status, even destructured', () => {
    const { status, user, error } = useCallsSession()
    if (status === 'authenticated' || status === 'refreshing') {
      expectTypeOf(user).toEqualTypeOf<CallsUser>()
      expectTypeOf(error).toEqualTypeOf<undefined>()
    }
    if (status === 'error') {
      expectTypeOf(error).toEqualTypeOf<CallsSessionError>()
      expectTypeOf(user).toEqualTypeOf<undefined>()
    }
  })

  it('narrows on isAuthenticated and isLoading', () => {
    const view = useCallsSession()
    if (view.isAuthenticated) {
      expectTypeOf(view.user).toEqualTypeOf<CallsUser>()
      expectTypeOf(view.status).toEqualTypeOf<'authenticated' | 'refreshing'>()
    }
    if (view.isLoading) expectTypeOf(view.status).toEqualTypeOf<'authenticating'>()
    const { isAuthenticated, user } = useCallsSession()
    if (isAuthenticated) expectTypeOf(user).toEqualTypeOf<CallsUser>()
  })

  it('gives the selector the flattened view, and takes selectors that build objects', () => {
    useCallsSession((s) => {
      expectTypeOf(s).toEqualTypeOf<CallsSessionView>()
      expectTypeOf(s.user).toEqualTypeOf<CallsUser | undefined>()
      return null
    })
    expectTypeOf(useCallsSession((s) => ({ status: s.status }))).toEqualTypeOf<{
      status: CallsSessionStatus
    }>()
    expectTypeOf(useCallsSession((s) => s.user?.name)).toEqualTypeOf<string | undefined>()
  })

  it('infers the selected type', () => {
    expectTypeOf(useCallsSession((s) => s.status)).toEqualTypeOf<CallsSessionStatus>()
    expectTypeOf(
      useCallsSession((s) => (s.status === 'authenticated' ? s.user.name : null)),
    ).toEqualTypeOf<string | undefined | null>()
    // @ts-expect-error the state has no such field
    useCallsSession((s) => s.nope)
  })
})
