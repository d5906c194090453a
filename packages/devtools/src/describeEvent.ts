import type { CallsSessionEvent } from '@callsession/core'
import { formatClock, formatDuration } from './formatTime.js'

/** One line of detail for an event, for people (never a token: events carry none). */
export function describeEvent(event: CallsSessionEvent): string {
  switch (event.type) {
    case 'SIGNED_IN':
      return `source: ${event.source}`
    case 'TOKEN_FETCHED':
      return `${event.reason} · took ${formatDuration(event.durationMs)} · attempt ${event.attempt}`
    case 'REFRESH_SCHEDULED':
      return `due ${formatClock(event.dueAt)} (in ${formatDuration(event.dueAt - event.at)})`
    case 'TOKEN_REFRESHED':
    case 'TAB_ADOPTED_GRANT':
      return event.expiresAt === undefined
        ? 'expiry unknown'
        : `expires ${formatClock(event.expiresAt)}`
    case 'TOKEN_REJECTED_BY_COMETCHAT':
      return 'one fresh token, one more try'
    case 'REFRESH_FAILED_KEEPING_TOKEN':
      return `${event.error.code} · retry in ${formatDuration(event.retryAt - event.at)}`
    case 'SIGNED_OUT':
      return `reason: ${event.reason}`
    case 'ERROR':
      return `${event.error.code}: ${event.error.message}`
  }
}
