import { CallsSessionError } from './errors.js'
import { SecretToken } from './secretToken.js'
import type { CallsUser } from './state.js'
import { isValidUid, sameUid } from './uid.js'

/** A validated token grant, as the session keeps it (in memory only). */
export interface Grant {
  uid: string
  token: SecretToken
  user: CallsUser
  /** Epoch ms on this browser's clock, when the grant says. */
  expiresAt: number | undefined
  /** Epoch ms when it arrived (the start of its lifetime, as far as this tab knows). */
  receivedAt: number
}

/** When the grant arrived (local clock) and the server's clock at that moment, if known. */
export interface GrantContext {
  receivedAt: number
  serverDate?: number | undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A grant must live at least this long: anything shorter would refresh in a storm. */
export const MIN_LIFETIME_MS = 5_000

/** Printable ASCII, no spaces: what CometChat tokens are made of. */
const TOKEN = /^[!-~]{1,4096}$/

/**
 * Validates what a token endpoint (or `fetchToken`) returned; throws `INVALID_TOKEN_RESPONSE`
 * naming the bad field (never its value). Expiry: `expiresIn` (relative, immune to clock skew)
 * wins; an absolute `expiresAt` (Unix seconds or ISO-8601) is corrected by the server's `Date`.
 */
export function parseGrant(body: unknown, { receivedAt, serverDate }: GrantContext): Grant {
  const bad = (field: string) =>
    new CallsSessionError('INVALID_TOKEN_RESPONSE', `Token answer: bad ${field}`)
  if (!isRecord(body)) throw bad('body')
  const { uid, authToken, expiresIn, expiresAt, user } = body
  if (!isValidUid(uid)) throw bad('uid')
  if (typeof authToken !== 'string' || !TOKEN.test(authToken)) throw bad('authToken')
  let expiry: number | undefined
  if (expiresIn != null) {
    expiry = typeof expiresIn === 'number' ? receivedAt + expiresIn * 1000 : Number.NaN
  } else if (expiresAt != null) {
    const serverMs =
      typeof expiresAt === 'number'
        ? expiresAt * 1000
        : typeof expiresAt === 'string'
          ? Date.parse(expiresAt)
          : Number.NaN
    expiry = serverMs + (serverDate === undefined ? 0 : receivedAt - serverDate)
  }
  // NaN, Infinity, the past and lifetimes under 5 s all fail here.
  if (
    expiry !== undefined &&
    !(Number.isFinite(expiry) && expiry - receivedAt >= MIN_LIFETIME_MS)
  ) {
    throw bad('expiry')
  }
  const profile: CallsUser = { uid }
  if (user != null) {
    if (
      !isRecord(user) ||
      (user.uid != null && !(isValidUid(user.uid) && sameUid(user.uid, uid)))
    ) {
      throw bad('user')
    }
    for (const key of ['name', 'avatar'] as const) {
      const value = user[key]
      if (value == null) continue
      if (typeof value !== 'string') throw bad('user')
      profile[key] = value
    }
  }
  return { uid, token: new SecretToken(authToken), user: profile, expiresAt: expiry, receivedAt }
}
