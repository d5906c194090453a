import type { CallsSession, CallsSessionState } from '@callsession/react'
import { explainStep, type StepExplanation } from './explainStep.js'
import { type LoggedRequest, type RequestLogOptions, watchRequests } from './requestLog.js'

/** One state the session went through, explained. */
export interface JournalStep extends StepExplanation {
  id: number
  /** Epoch ms (performance clock, comparable with request times). */
  at: number
  status: CallsSessionState['status']
  uid: string | undefined
}

export interface JournalSnapshot {
  /** Oldest first. */
  steps: JournalStep[]
  /** Oldest first. */
  requests: LoggedRequest[]
}

/** The session's life as steps and requests; outlives the components that show it. */
export interface SessionJournal {
  getSnapshot(): JournalSnapshot
  subscribe(listener: () => void): () => void
}

const LIMIT = 200
const journals = new WeakMap<CallsSession, SessionJournal>()
const now = () => performance.timeOrigin + performance.now()
const uidOf = (state: CallsSessionState) =>
  'user' in state ? state.user.uid : state.status === 'authenticating' ? state.uid : undefined

function createJournal(session: CallsSession, options: RequestLogOptions): SessionJournal {
  let serial = 0
  const listeners = new Set<() => void>()
  const step = (state: CallsSessionState, previous?: CallsSessionState): JournalStep => ({
    id: ++serial,
    at: now(),
    status: state.status,
    uid: uidOf(state),
    ...explainStep(state, previous),
  })
  let snapshot: JournalSnapshot = { steps: [step(session.getState())], requests: [] }
  const update = (next: Partial<JournalSnapshot>) => {
    snapshot = { ...snapshot, ...next }
    for (const listener of listeners) listener()
  }
  // Lives as long as the session (one per page): never unsubscribed on purpose.
  session.subscribe((state, previous) => {
    // A sign-out of a session that was already signed out is not a step.
    if (state.status === 'signed-out' && previous.status === 'signed-out') return
    update({ steps: [...snapshot.steps, step(state, previous)].slice(-LIMIT) })
  })
  watchRequests(options, (request) =>
    update({ requests: [...snapshot.requests, { ...request, id: ++serial }].slice(-LIMIT) }),
  )
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The journal of `session`, started on first use (mount it high, so it records on every page). */
export function journalFor(session: CallsSession, options: RequestLogOptions): SessionJournal {
  let journal = journals.get(session)
  if (!journal) {
    journal = createJournal(session, options)
    journals.set(session, journal)
  }
  return journal
}
