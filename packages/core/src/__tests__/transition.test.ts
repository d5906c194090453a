import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CallsSessionError } from '../errors.js'
import type { CallsSessionState, CallsSessionStatus, CallsUser } from '../state.js'
import { type SessionEvent, transition } from '../transition.js'

// Model-based: `transition` is checked against an independent reference written as a table of
// the status each (status, event) pair must give, plus what each next state must carry. The
// table is the spec a reader checks by eye; nothing in it is computed from transition.ts.

type EventType = SessionEvent['type']
/** `same`: the very same state object comes back (no re-render for a no-op). */
type Expected = CallsSessionStatus | 'same'

const STATUSES: CallsSessionStatus[] = [
  'signed-out',
  'authenticating',
  'authenticated',
  'refreshing',
  'error',
]

const EXPECTED: Record<CallsSessionStatus, Record<EventType, Expected>> = {
  'signed-out': {
    start: 'authenticating',
    signedIn: 'authenticated',
    refresh: 'same',
    refreshFailed: 'same',
    failed: 'error',
    // Signing out a signed-out session changes nothing: the same object, no notification.
    signedOut: 'same',
  },
  authenticating: {
    start: 'authenticating',
    signedIn: 'authenticated',
    refresh: 'same',
    refreshFailed: 'same',
    failed: 'error',
    signedOut: 'signed-out',
  },
  authenticated: {
    start: 'authenticating',
    signedIn: 'authenticated',
    refresh: 'refreshing',
    refreshFailed: 'authenticated',
    failed: 'error',
    signedOut: 'signed-out',
  },
  refreshing: {
    start: 'authenticating',
    signedIn: 'authenticated',
    refresh: 'refreshing',
    refreshFailed: 'authenticated',
    failed: 'error',
    signedOut: 'signed-out',
  },
  error: {
    start: 'authenticating',
    signedIn: 'authenticated',
    refresh: 'same',
    refreshFailed: 'same',
    failed: 'error',
    signedOut: 'signed-out',
  },
}

/** The reference: the next state from the table, carrying exactly what the spec says. */
function reference(state: CallsSessionState, event: SessionEvent): CallsSessionState {
  const status = EXPECTED[state.status][event.type]
  if (status === 'same') return state
  switch (status) {
    case 'signed-out':
      return { status }
    case 'authenticating':
      // Only a start names whom it signs in; no uid means "whoever the server says".
      return event.type === 'start' && event.uid !== undefined
        ? { status, uid: event.uid }
        : { status }
    case 'error':
      if (event.type !== 'failed') throw new Error(`table: ${event.type} cannot give error`)
      return { status, error: event.error }
    case 'authenticated':
    case 'refreshing': {
      // A sign-in brings its own user and expiry; a refresh (or its failure) keeps the old ones.
      const source =
        event.type === 'signedIn' ? event : (state as { user: CallsUser; expiresAt?: number })
      return {
        status,
        user: source.user,
        ...(source.expiresAt !== undefined && { expiresAt: source.expiresAt }),
      }
    }
  }
}

const user: fc.Arbitrary<CallsUser> = fc.record(
  { uid: fc.constantFrom('alice', 'bob', 'carol'), name: fc.string(), avatar: fc.webUrl() },
  { requiredKeys: ['uid'] },
)
const expiresAt = fc.option(fc.integer({ min: 1, max: 2 ** 42 }), { nil: undefined })
const error = fc
  .constantFrom('TIMEOUT', 'UNAUTHORIZED', 'TOKEN_REJECTED', 'NETWORK_ERROR' as const)
  .map((code) => new CallsSessionError(code))
const event: fc.Arbitrary<SessionEvent> = fc.oneof(
  fc.record({ type: fc.constant('start' as const) }),
  fc.record({ type: fc.constant('start' as const), uid: fc.constantFrom('alice', 'bob') }),
  fc.record({ type: fc.constant('signedIn' as const), user, expiresAt }),
  fc.record({ type: fc.constant('signedIn' as const), user }),
  fc.constant({ type: 'refresh' as const }),
  fc.constant({ type: 'refreshFailed' as const }),
  fc.record({ type: fc.constant('failed' as const), error }),
  fc.constant({ type: 'signedOut' as const }),
)
const ALL_EVENT_TYPES: EventType[] = [
  'start',
  'signedIn',
  'refresh',
  'refreshFailed',
  'failed',
  'signedOut',
]

describe('the session state machine (pure transition) against its reference table', () => {
  it('the table covers every status and every event', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...STATUSES].sort())
    for (const status of STATUSES) {
      expect(Object.keys(EXPECTED[status]).sort()).toEqual([...ALL_EVENT_TYPES].sort())
    }
  })

  it('every sequence of events gives, step by step, the state the table says', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 60 }), (events) => {
        let state: CallsSessionState = { status: 'signed-out' }
        for (const next of events) {
          const expected = reference(state, next)
          const actual = transition(state, next)
          expect(actual).toStrictEqual(expected)
          // No-ops return the same object (subscribers see no change); real steps a new one.
          if (expected === state) expect(actual).toBe(state)
          else expect(actual).not.toBe(state)
          state = actual
        }
      }),
      { numRuns: 200 },
    )
  })

  it('every (status, event) pair of the table is reached by the generator', () => {
    // Guards the property above: a generator that never reached `refreshing` would prove nothing.
    const seen = new Set<string>()
    fc.assert(
      fc.property(fc.array(event, { minLength: 20, maxLength: 60 }), (events) => {
        let state: CallsSessionState = { status: 'signed-out' }
        for (const next of events) {
          seen.add(`${state.status} ${next.type}`)
          state = transition(state, next)
        }
      }),
      { numRuns: 200 },
    )
    expect(seen.size).toBe(STATUSES.length * ALL_EVENT_TYPES.length)
  })

  it('a refresh keeps the user and expiry, and a failed refresh goes back to the same state', () => {
    const alice = { uid: 'alice', name: 'Alice' }
    const signedIn = transition(
      { status: 'signed-out' },
      { type: 'signedIn', user: alice, expiresAt: 5 },
    )
    const refreshing = transition(signedIn, { type: 'refresh' })
    expect(refreshing).toEqual({ status: 'refreshing', user: alice, expiresAt: 5 })
    expect(transition(refreshing, { type: 'refreshFailed' })).toEqual(signedIn)
  })
})
