import { type CallsSessionState, useCallsSession } from '@callsession/react'
import { useEffect, useState } from 'react'

interface Entry {
  id: number
  at: number
  status: CallsSessionState['status']
  detail: string
}

let serial = 0
const entry = (state: CallsSessionState): Entry => ({
  id: ++serial,
  at: Date.now(),
  status: state.status,
  detail: describe(state),
})

const describe = (state: CallsSessionState): string => {
  switch (state.status) {
    case 'authenticated':
    case 'refreshing':
      return state.user.uid
    case 'authenticating':
      return state.uid ?? ''
    case 'error':
      return state.error.code
    default:
      return ''
  }
}

/** Every state the session went through, newest first. */
export function Timeline() {
  const { session } = useCallsSession()
  const [entries, setEntries] = useState<Entry[]>(() => [entry(session.getState())])
  useEffect(
    () =>
      session.subscribe((state) =>
        setEntries((previous) => [entry(state), ...previous].slice(0, 50)),
      ),
    [session],
  )
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="timeline" data-testid="timeline" reversed>
        {entries.map((entry) => (
          <li key={entry.id} data-status={entry.status}>
            <time dateTime={new Date(entry.at).toISOString()}>
              {new Date(entry.at).toLocaleTimeString()}
            </time>{' '}
            <strong>{entry.status}</strong> {entry.detail}
          </li>
        ))}
      </ol>
    </section>
  )
}
