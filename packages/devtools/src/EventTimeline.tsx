import { describeEvent } from './describeEvent.js'
import type { LoggedEvent } from './devtoolsStore.js'
import { formatClock, formatDuration } from './formatTime.js'
import { styles } from './styles.js'

/** The session's events, newest first, each with the time since the one before. */
export function EventTimeline({ events }: { events: readonly LoggedEvent[] }) {
  if (events.length === 0) return <p style={styles.muted}>No events yet.</p>
  const rows = events.map((logged, i) => ({
    ...logged,
    sincePrevious: i > 0 ? logged.event.at - (events[i - 1] as LoggedEvent).event.at : undefined,
  }))
  return (
    <ol style={styles.list} data-testid="devtools-timeline" aria-label="Session events">
      {rows.reverse().map(({ id, event, sincePrevious }) => (
        <li key={id} style={styles.row} data-event-type={event.type}>
          <time dateTime={new Date(event.at).toISOString()} style={styles.muted}>
            {formatClock(event.at)}
          </time>
          <span style={{ ...styles.muted, minWidth: 64 }} title="since the previous event">
            {sincePrevious === undefined ? '' : `+${formatDuration(sincePrevious)}`}
          </span>
          <span>
            <strong>{event.type}</strong> {describeEvent(event)}
            {event.uid !== undefined && <span style={styles.muted}> · {event.uid}</span>}
          </span>
        </li>
      ))}
    </ol>
  )
}
