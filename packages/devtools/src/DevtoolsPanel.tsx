import type { CallsSession } from '@callsession/core'
import { useEffect, useState } from 'react'
import { useStore } from 'zustand'
import type { createDevtoolsStore } from './devtoolsStore.js'
import { EventTimeline } from './EventTimeline.js'
import { SessionActions } from './SessionActions.js'
import { statusColor, styles } from './styles.js'
import { TabList } from './TabList.js'
import { TokenLifeBar } from './TokenLifeBar.js'
import { tokenLife } from './tokenLife.js'

/**
 * `Date.now()`, re-rendering once a second while mounted (the panel is mounted only while open).
 * Read at every render too: an event that re-renders between ticks must not look in the future.
 */
function useNow() {
  const [tick, setTick] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return Math.max(tick, Date.now())
}

/** The open panel: state and uid, the token's life, the tabs, the actions and the timeline. */
export function DevtoolsPanel({
  session,
  store,
}: {
  session: CallsSession
  store: ReturnType<typeof createDevtoolsStore>
}) {
  const state = useStore(session.store)
  const { events, self, others } = useStore(store)
  const now = useNow()
  const signedIn = state.status === 'authenticated' || state.status === 'refreshing'
  const uid = self.uid
  return (
    <>
      <section style={styles.section} aria-label="State">
        <h3 style={styles.heading}>State</h3>
        <strong data-testid="devtools-status" style={{ color: statusColor[state.status] }}>
          {state.status}
        </strong>
        {uid !== undefined && <span data-testid="devtools-uid"> · uid {uid}</span>}
        {state.status === 'error' && (
          <div role="alert" style={{ color: statusColor.error }}>
            {state.error.code}: {state.error.message}
          </div>
        )}
      </section>
      <section style={styles.section} aria-label="Token">
        <h3 style={styles.heading}>Token</h3>
        <TokenLifeBar
          life={tokenLife(
            events.map((e) => e.event),
            state,
          )}
          now={now}
        />
      </section>
      <section style={styles.section} aria-label="Tabs">
        <h3 style={styles.heading}>Tabs</h3>
        <TabList self={self} others={Object.values(others)} />
      </section>
      <section style={styles.section} aria-label="Actions">
        <SessionActions session={session} signedIn={signedIn} />
      </section>
      <section style={{ ...styles.section, borderBottom: 'none' }} aria-label="Events">
        <h3 style={styles.heading}>Events</h3>
        <EventTimeline events={events} />
      </section>
    </>
  )
}
