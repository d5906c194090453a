import type { CallsSessionStatus } from '@callsession/core'

/** What one devtools panel tells the others about its tab: non-secret facts only, never a token. */
export interface TabFacts {
  /** Random per panel instance. */
  tabId: string
  status: CallsSessionStatus
  uid: string | undefined
  /** When this tab last fetched a fresh token by refreshing (epoch ms). */
  lastRefreshAt: number | undefined
  /** When this tab last took over a token another tab refreshed (epoch ms). */
  lastAdoptedAt: number | undefined
}

/** `hello`: a panel started (the others answer with their facts); `facts`: news; `bye`: gone. */
export type TabAnnouncement = { kind: 'hello' | 'facts' | 'bye'; facts: TabFacts }

/** The name of the devtools' own channel: never core's, which carries tokens. */
export const devtoolsChannelName = (appId: string | undefined) =>
  `callsession-devtools:${appId ?? 'default'}`

const STATUSES: ReadonlySet<string> = new Set<CallsSessionStatus>([
  'signed-out',
  'authenticating',
  'authenticated',
  'refreshing',
  'error',
])

const shortString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max
const optionalTime = (value: unknown): value is number | undefined =>
  value === undefined || (typeof value === 'number' && Number.isFinite(value))

/**
 * Reads a message from the channel. Any script of this origin can post there, so only a
 * well-formed announcement gets through, rebuilt field by field (nothing else is kept).
 */
export function readAnnouncement(data: unknown): TabAnnouncement | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const { kind, facts } = data as { kind?: unknown; facts?: unknown }
  if (kind !== 'hello' && kind !== 'facts' && kind !== 'bye') return undefined
  if (typeof facts !== 'object' || facts === null) return undefined
  const { tabId, status, uid, lastRefreshAt, lastAdoptedAt } = facts as Record<string, unknown>
  if (!shortString(tabId, 64) || typeof status !== 'string' || !STATUSES.has(status)) {
    return undefined
  }
  if (!(uid === undefined || shortString(uid, 100))) return undefined
  if (!optionalTime(lastRefreshAt) || !optionalTime(lastAdoptedAt)) return undefined
  return {
    kind,
    facts: { tabId, status: status as CallsSessionStatus, uid, lastRefreshAt, lastAdoptedAt },
  }
}
