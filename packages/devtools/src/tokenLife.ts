import type { CallsSessionEvent, CallsSessionState } from '@callsession/core'

/** The current token's life, as the events and the state tell it (epoch ms). */
export interface TokenLife {
  /** When this tab got the token (its fetch, or another tab's grant); unknown for a restored session. */
  receivedAt: number | undefined
  /** When the next refresh is due (or, after a failed one, retried). */
  dueAt: number | undefined
  /** Whether `dueAt` is a retry after a failed refresh. */
  retrying: boolean
  expiresAt: number | undefined
}

const RECEIVED: ReadonlySet<CallsSessionEvent['type']> = new Set([
  'TOKEN_FETCHED',
  'TAB_ADOPTED_GRANT',
])

/** Reads the token's life from `events` (oldest first) and the session's `state`. */
export function tokenLife(
  events: readonly CallsSessionEvent[],
  state: CallsSessionState,
): TokenLife {
  const signedIn = state.status === 'authenticated' || state.status === 'refreshing'
  const life: TokenLife = {
    receivedAt: undefined,
    dueAt: undefined,
    retrying: false,
    expiresAt: signedIn ? state.expiresAt : undefined,
  }
  if (!signedIn) return life
  // The event that began this token's life: its fetch, another tab's grant, or a restore.
  let began = -1
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as CallsSessionEvent
    if (event.type === 'SIGNED_OUT' || event.type === 'ERROR') break
    if (RECEIVED.has(event.type) || (event.type === 'SIGNED_IN' && event.source === 'restored')) {
      began = i
      if (event.type !== 'SIGNED_IN') life.receivedAt = event.at
      break
    }
  }
  if (began < 0) return life
  // Core schedules while adopting a tab's grant, just before it reports the adoption.
  const from = events[began]?.type === 'TAB_ADOPTED_GRANT' ? began - 1 : began
  for (let i = events.length - 1; i >= from && i >= 0; i--) {
    const event = events[i] as CallsSessionEvent
    if (event.type === 'REFRESH_SCHEDULED') life.dueAt = event.dueAt
    else if (event.type === 'REFRESH_FAILED_KEEPING_TOKEN') {
      life.dueAt = event.retryAt
      life.retrying = true
    } else continue
    break
  }
  return life
}

/** Where a moment sits on the bar from `receivedAt` to `expiresAt`, in percent (0–100). */
export function barPosition(life: TokenLife, moment: number | undefined): number | undefined {
  const { receivedAt, expiresAt } = life
  if (receivedAt === undefined || expiresAt === undefined || moment === undefined) return undefined
  const span = expiresAt - receivedAt
  if (!(span > 0)) return undefined
  return Math.min(100, Math.max(0, ((moment - receivedAt) / span) * 100))
}
