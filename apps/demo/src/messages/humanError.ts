import { type CallsSessionErrorCode, isCallsSessionError } from '@callsession/react'
import { ApiError } from '../api.js'

/** An error told to a person: what happened, what to do, and the code for the curious. */
export interface HumanError {
  what: string
  todo: string
  code: string
}

/**
 * Every `CallsSessionError` code in words. A `Record` over the code union: a new code in core
 * fails the demo's type-check until it is explained here.
 */
export const CALLS_SESSION_ERROR_TEXT: Record<
  CallsSessionErrorCode,
  { what: string; todo: string }
> = {
  UNAUTHORIZED: {
    what: 'Your app server would not hand out a CometChat token: it says nobody is signed in to the app.',
    todo: 'Sign in to the app again. If you signed out in another tab, this tab follows it.',
  },
  INVALID_TOKEN_RESPONSE: {
    what: 'The token endpoint answered, but not with a token grant.',
    todo: 'Make it answer JSON like { uid, authToken, expiresIn }.',
  },
  TOKEN_ENDPOINT_ERROR: {
    what: 'The token endpoint kept failing, even after retries.',
    todo: 'Try again in a moment; the server’s log says why it failed.',
  },
  TOKEN_REJECTED: {
    what: 'CometChat refused the auth token, and a fresh one too.',
    todo: 'The user may be deactivated or deleted at CometChat: sign in again, or check the user in the dashboard.',
  },
  INVALID_UID: {
    what: 'That is not a uid CometChat accepts (letters, digits, _ and - only).',
    todo: 'Check the uid; nothing about the current session changed.',
  },
  SDK_CONFLICT: {
    what: 'The Calls SDK on this page is already set up for another CometChat app.',
    todo: 'One page can sign into one CometChat app: destroy the other session first, or reload.',
  },
  NETWORK_ERROR: {
    what: 'The network failed on the way to your server or to CometChat.',
    todo: 'Check the connection; the session tries again by itself when the browser is back online.',
  },
  TIMEOUT: {
    what: 'A request took too long and was given up.',
    todo: 'Try again; if it keeps happening, your token endpoint or CometChat is slow.',
  },
  UID_MISMATCH: {
    what: 'The token endpoint now issues tokens for another user than this tab expected: the app user changed, probably in another tab.',
    todo: 'Nothing: this tab asks the server who is signed in and follows. If it stays here, reload.',
  },
  AUTH_KEY_IN_PRODUCTION: {
    what: 'Signing in with the Auth Key is for development only, and refuses to run in a production build.',
    todo: 'Sign in through your token endpoint instead.',
  },
  SDK_INIT_FAILED: {
    what: 'The CometChat Calls SDK would not start.',
    todo: 'Check the app id and region, and that the SDK’s script could load.',
  },
  SDK_ERROR: {
    what: 'The CometChat Calls SDK reported an error.',
    todo: 'Try again; the details below name CometChat’s own code.',
  },
  NOT_AUTHENTICATED: {
    what: 'That needs a signed-in Calls session, and there is none right now.',
    todo: 'Wait until the status reads “authenticated”, then try again.',
  },
  ABORTED: {
    what: 'Cancelled: a sign-out, a user switch or a newer request took over.',
    todo: 'Nothing to do.',
  },
  DESTROYED: {
    what: 'This Calls session was shut down.',
    todo: 'Reload the page.',
  },
}

/** What the demo backend's error codes mean to a person (its message carries the details). */
const API_ERROR_TODO: Record<string, string> = {
  UNAUTHORIZED: 'Sign in to the app first.',
  FORBIDDEN: 'Only admins may do this: sign in as an admin.',
  INVALID_FILE: 'Fix the file and import again.',
  TOO_LARGE: 'Split the file into smaller ones.',
  RATE_LIMITED: 'Wait a moment and try again.',
  COMETCHAT_ERROR: 'CometChat did not accept the change; try again.',
}

/** Turns anything thrown into words; never shows `CODE: CODE`. */
export function humanError(error: unknown): HumanError {
  if (isCallsSessionError(error)) {
    const text = CALLS_SESSION_ERROR_TEXT[error.code]
    const detail = error.message && error.message !== error.code ? ` (${error.message})` : ''
    return { ...text, code: `${error.code}${detail}` }
  }
  if (error instanceof ApiError) {
    const message = error.message && error.message !== error.code ? error.message : ''
    const what = message ? sentence(message) : `The server refused (${error.status}).`
    const todo =
      API_ERROR_TODO[error.code] ?? (error.status === 403 ? API_ERROR_TODO.FORBIDDEN : '')
    return { what, todo: todo ?? '', code: error.code }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { what: sentence(message || 'Something failed.'), todo: 'Try again.', code: 'ERROR' }
}

/** "no uid column" → "No uid column." */
const sentence = (text: string) => {
  const trimmed = text.trim()
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}
