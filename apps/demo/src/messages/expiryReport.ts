import type { CallsSessionState } from '@callsession/react'
import { ApiError } from '../api.js'
import { humanError } from './humanError.js'

/** What "Expire token now" did, told from the session's own state changes. */
export interface ExpiryReport {
  tone: 'ok' | 'warn' | 'bad'
  text: string
  /** The statuses the session went through, e.g. `authenticated → refreshing → authenticated`. */
  path: string
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString()

/**
 * Reads the states seen between "expire" and the end of the call-token request that used the token.
 * `failure`: what the request threw, if anything.
 */
export function expiryReport({
  before,
  seen,
  failure,
  tookMs,
}: {
  before: CallsSessionState
  seen: CallsSessionState[]
  failure: unknown
  tookMs: number
}): ExpiryReport {
  const statuses = [before, ...seen].map((s) => s.status)
  const path = statuses.filter((s, i) => s !== statuses[i - 1]).join(' → ')
  const last = seen.at(-1) ?? before
  const refreshed = seen.some((s) => s.status === 'refreshing')
  const ms = `${Math.round(tookMs)} ms`
  if (failure instanceof ApiError && !seen.length) {
    return {
      tone: 'bad',
      path,
      text: `The token could not be expired: ${humanError(failure).what} The session was not touched.`,
    }
  }
  if (failure) {
    const { what, todo } = humanError(last.status === 'error' ? last.error : failure)
    return {
      tone: 'bad',
      path,
      text: `CometChat refused the token, and the session ended in “${last.status}” after ${ms}: ${what} ${todo}`,
    }
  }
  if (refreshed && last.status === 'authenticated') {
    const until = last.expiresAt ? ` The new token is good until ${clock(last.expiresAt)}.` : ''
    return {
      tone: 'ok',
      path,
      text: `CometChat refused the old token when it was next used; the session fetched a new one by itself and the call token was issued, in ${ms}, without leaving the signed-in states.${until}`,
    }
  }
  if (!refreshed) {
    return {
      tone: 'warn',
      path,
      text: `The call token was issued with the old token after ${ms}: CometChat still accepted it, so nothing was refreshed.`,
    }
  }
  return {
    tone: 'warn',
    path,
    text: `The session refreshed and is now “${last.status}” (${ms}).`,
  }
}
