import { describe, expectTypeOf, it } from 'vitest'
import type { CallsSessionError } from '../errors.js'
import type {
  CallsSession,
  CallsSessionEvent,
  CallsSessionEventType,
  SignInSource,
  SignOutReason,
} from '../index.js'

// Issue 16: the event union is what callers switch on; these pin its shape.
describe('CallsSessionEvent', () => {
  it('every event has a timestamp and the uid', () => {
    expectTypeOf<CallsSessionEvent['at']>().toEqualTypeOf<number>()
    expectTypeOf<CallsSessionEvent['uid']>().toEqualTypeOf<string | undefined>()
  })

  it('names exactly the nine event types', () => {
    expectTypeOf<CallsSessionEventType>().toEqualTypeOf<
      | 'SIGNED_IN'
      | 'TOKEN_FETCHED'
      | 'REFRESH_SCHEDULED'
      | 'TOKEN_REFRESHED'
      | 'TOKEN_REJECTED_BY_COMETCHAT'
      | 'TAB_ADOPTED_GRANT'
      | 'REFRESH_FAILED_KEEPING_TOKEN'
      | 'SIGNED_OUT'
      | 'ERROR'
    >()
  })

  it('narrows on type to the fields of that event', () => {
    const on: CallsSession['on'] = () => () => {}
    on((event) => {
      if (event.type === 'SIGNED_IN') expectTypeOf(event.source).toEqualTypeOf<SignInSource>()
      if (event.type === 'SIGNED_OUT') expectTypeOf(event.reason).toEqualTypeOf<SignOutReason>()
      if (event.type === 'TOKEN_FETCHED') {
        expectTypeOf(event.reason).toEqualTypeOf<'login' | 'refresh' | 'rejected'>()
        expectTypeOf(event.durationMs).toEqualTypeOf<number>()
        expectTypeOf(event.attempt).toEqualTypeOf<number>()
      }
      if (event.type === 'REFRESH_SCHEDULED') expectTypeOf(event.dueAt).toEqualTypeOf<number>()
      if (event.type === 'ERROR') expectTypeOf(event.error).toEqualTypeOf<CallsSessionError>()
      if (event.type === 'REFRESH_FAILED_KEEPING_TOKEN') {
        expectTypeOf(event.error).toEqualTypeOf<CallsSessionError>()
        expectTypeOf(event.retryAt).toEqualTypeOf<number>()
      }
    })
  })

  it('no event type has a field that could carry a token', () => {
    type Keys = CallsSessionEvent extends infer E ? (E extends unknown ? keyof E : never) : never
    expectTypeOf<Extract<Keys, 'authToken' | 'token' | 'grant'>>().toEqualTypeOf<never>()
  })
})
