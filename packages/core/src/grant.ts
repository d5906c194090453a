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

const invalid = (what: string) =>
  new CallsSessionError('INVALID_TOKEN_RESPONSE', `Token endpoint answer: ${what}`)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalid(`${key} must be a string`)
  return value
}

/**
 * Expiry on the local clock. `expiresIn` (relative) wins: it is immune to clock skew. An absolute
 * `expiresAt` (Unix seconds or ISO-8601) is corrected by the server's `Date` header when known.
 */
function expiryOf(body: Record<string, unknown>, context: GrantContext): number | undefined {
  const { expiresIn, expiresAt } = body
  if (expiresIn !== undefined && expiresIn !== null) {
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)) {
      throw invalid('expiresIn must be a number of seconds')
    }
    return context.receivedAt + expiresIn * 1000
  }
  if (expiresAt === undefined || expiresAt === null) return undefined
  const serverMs =
    typeof expiresAt === 'number' && Number.isFinite(expiresAt)
      ? expiresAt * 1000
      : typeof expiresAt === 'string'
        ? Date.parse(expiresAt)
        : Number.NaN
  if (Number.isNaN(serverMs)) throw invalid('expiresAt must be Unix seconds or an ISO date')
  const skew = context.serverDate === undefined ? 0 : context.receivedAt - context.serverDate
  return serverMs + skew
}

/** Validates what a token endpoint (or `fetchToken`) returned. Throws `INVALID_TOKEN_RESPONSE`. */
export function parseGrant(body: unknown, context: GrantContext): Grant {
  if (!isRecord(body)) throw invalid('not a JSON object')
  const { uid, authToken } = body
  if (!isValidUid(uid)) throw invalid('uid missing or not a valid uid')
  if (typeof authToken !== 'string' || !/^[\x21-\x7e]{1,4096}$/.test(authToken)) {
    throw invalid('authToken missing or malformed')
  }
  const expiresAt = expiryOf(body, context)
  if (expiresAt !== undefined && expiresAt <= context.receivedAt) throw invalid('already expired')
  const user: CallsUser = { uid }
  if (body.user !== undefined && body.user !== null) {
    if (!isRecord(body.user)) throw invalid('user must be an object')
    const userUid = optionalString(body.user, 'uid')
    if (userUid !== undefined && !sameUid(userUid, uid)) throw invalid('user.uid differs from uid')
    const name = optionalString(body.user, 'name')
    const avatar = optionalString(body.user, 'avatar')
    if (name !== undefined) user.name = name
    if (avatar !== undefined) user.avatar = avatar
  }
  return { uid, token: new SecretToken(authToken), user, expiresAt, receivedAt: context.receivedAt }
}
