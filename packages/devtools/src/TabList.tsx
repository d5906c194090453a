import { formatClock } from './formatTime.js'
import { styles } from './styles.js'
import type { TabFacts } from './tabAnnouncement.js'

/** Every tab whose panel announced itself; the one that refreshed last is marked. */
export function TabList({ self, others }: { self: TabFacts; others: readonly TabFacts[] }) {
  const tabs = [self, ...others]
  const refresher = tabs.reduce<TabFacts | undefined>(
    (last, tab) =>
      tab.lastRefreshAt !== undefined && tab.lastRefreshAt > (last?.lastRefreshAt ?? -1)
        ? tab
        : last,
    undefined,
  )
  return (
    <ul style={styles.list} data-testid="devtools-tabs">
      {tabs.map((tab) => (
        <li
          key={tab.tabId}
          style={styles.row}
          data-tab-id={tab.tabId}
          data-self={tab === self || undefined}
        >
          <code>{tab.tabId.slice(0, 8)}</code>
          <span>{tab === self ? 'this tab' : 'other tab'}</span>
          <span>{tab.status}</span>
          {tab.uid !== undefined && <span style={styles.muted}>{tab.uid}</span>}
          {tab === refresher && (
            <strong data-testid="devtools-refresher">
              refreshed at {formatClock(tab.lastRefreshAt as number)}
            </strong>
          )}
          {tab.lastAdoptedAt !== undefined && tab !== refresher && (
            <span style={styles.muted}>took a grant at {formatClock(tab.lastAdoptedAt)}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
