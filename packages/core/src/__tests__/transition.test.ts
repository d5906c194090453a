import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CallsSessionError } from '../errors.js'
import type { CallsSessionState } from '../state.js'
import { type SessionEvent, transition } from '../transition.js'

const user = { uid: 'alice', name: 'Alice' }
const event: fc.Arbitrary<SessionEvent> = fc.oneof(
  fc.constantFrom<SessionEvent>(
    { type: 'start' },
    { type: 'start', uid: 'alice' },
    { type: 'signedIn', user },
    { type: 'signedIn', user, expiresAt: 1_000 },
    { type: 'refresh' },
    { type: 'refreshFailed' },
    { type: 'signedOut' },
  ),
  fc.constant<SessionEvent>({ type: 'failed', error: new CallsSessionError('TIMEOUT') }),
)

describe('the session state machine (pure transition)', () => {
  it('keeps the user and expiry through a refresh, and back', () => {
    const signedIn = transition({ status: 'signed-out' }, { type: 'signedIn', user, expiresAt: 5 })
    const refreshing = transition(signedIn, { type: 'refresh' })
    expect(refreshing).toEqual({ status: 'refreshing', user, expiresAt: 5 })
    expect(transition(refreshing, { type: 'refreshFailed' })).toEqual(signedIn)
  })

  it('ignores a refresh when nobody is signed in (same state object: no re-render)', () => {
    for (const state of [
      { status: 'signed-out' },
      { status: 'authenticating', uid: 'alice' },
      { status: 'error', error: new CallsSessionError('TIMEOUT') },
    ] as CallsSessionState[]) {
      expect(transition(state, { type: 'refresh' })).toBe(state)
      expect(transition(state, { type: 'refreshFailed' })).toBe(state)
    }
  })

  it('never produces an impossible state, whatever the events', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let state: CallsSessionState = { status: 'signed-out' }
        for (const e of events) {
          state = transition(state, e)
          if (state.status === 'authenticated' || state.status === 'refreshing') {
            expect(state.user.uid).toBe('alice')
          }
          if (state.status === 'error') expect(state.error).toBeInstanceOf(CallsSessionError)
        }
      }),
    )
  })
})
