import type { CallsSessionError, CallsUser } from '@callsession/core'
import { describe, expectTypeOf, it } from 'vitest'
import { RequireCallsSession } from '../RequireCallsSession.js'
import { useCallsSession } from '../useCallsSession.js'
import { useSuspenseCallsSession } from '../useSuspenseCallsSession.js'

describe('React helper types', () => {
  it('useSuspenseCallsSession() always has a user', () => {
    const { user, status, isAuthenticated, generateCallToken } = useSuspenseCallsSession()
    expectTypeOf(user).toEqualTypeOf<CallsUser>()
    expectTypeOf(status).toEqualTypeOf<'authenticated' | 'refreshing'>()
    expectTypeOf(isAuthenticated).toEqualTypeOf<true>()
    expectTypeOf(generateCallToken).toEqualTypeOf<(sessionId: string) => Promise<string>>()
  })

  it('useCallsSession({ required: true }) needs onUnauthenticated and returns the whole view', () => {
    const view = useCallsSession({
      required: true,
      onUnauthenticated: (error) =>
        expectTypeOf(error).toEqualTypeOf<CallsSessionError | undefined>(),
    })
    expectTypeOf(view.isAuthenticated).toEqualTypeOf<boolean>()
    // @ts-expect-error required without a callback does nothing: refused
    useCallsSession({ required: true })
  })

  it('<RequireCallsSession> takes children and an optional fallback', () => {
    void (<RequireCallsSession fallback={<p>wait</p>}>x</RequireCallsSession>)
    void (<RequireCallsSession>x</RequireCallsSession>)
    // @ts-expect-error fallback is a node, not a function
    void (<RequireCallsSession fallback={() => null}>x</RequireCallsSession>)
  })
})
