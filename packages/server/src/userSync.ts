import { createHmac, timingSafeEqual } from 'node:crypto'
import type { CometChatClient } from './client/createCometChatClient.js'
import { ensureUser } from './ensureUser.js'
import { isCometChatError } from './errors.js'
import { json } from './tokenHandler.js'
import type { Profile } from './types.js'

/** Header carrying `v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>`. */
export const SIGNATURE_HEADER = 'x-callsession-signature'
/** Header carrying the Unix-seconds timestamp that was signed. */
export const TIMESTAMP_HEADER = 'x-callsession-timestamp'

/** Remembers delivered event ids. `claim` returns false when the id was already seen. */
export interface DedupeStore {
  claim(id: string): Promise<boolean> | boolean
  release?(id: string): Promise<void> | void
}

/** A user event the app sends. */
export type UserEvent =
  | { id: string; type: 'user.created' | 'user.updated'; user: Profile }
  | { id: string; type: 'user.deleted'; user: { uid: string }; permanent?: boolean }

/** Options of `createUserSyncHandler`. */
export interface UserSyncOptions {
  cometchat: CometChatClient
  secret: string
  /** Replay window in seconds (default 300). */
  toleranceSeconds?: number
  dedupe?: DedupeStore
  /** Largest accepted body in bytes (default 64 KiB). */
  maxBodyBytes?: number
}

/** Signs a webhook body: returns the headers a sender attaches. */
export function signWebhook(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return {
    [SIGNATURE_HEADER]: `v1=${signature}`,
    [TIMESTAMP_HEADER]: String(timestamp),
    'content-type': 'application/json',
  }
}

/** In-memory dedupe store with bounded size and TTL (one process only; use a shared store when scaled out). */
export function createMemoryDedupeStore(
  options: { maxEntries?: number; ttlMs?: number } = {},
): DedupeStore {
  const max = options.maxEntries ?? 10_000
  const ttl = options.ttlMs ?? 24 * 60 * 60 * 1000
  const seen = new Map<string, number>()
  return {
    claim(id) {
      const now = Date.now()
      const at = seen.get(id)
      if (at !== undefined && now - at < ttl) return false
      seen.delete(id)
      seen.set(id, now)
      while (seen.size > max) {
        const oldest = seen.keys().next().value
        if (oldest === undefined) break
        seen.delete(oldest)
      }
      return true
    },
    release(id) {
      seen.delete(id)
    },
  }
}

/** Web-standard webhook receiver mirroring the app's user events into CometChat. */
export function createUserSyncHandler(
  options: UserSyncOptions,
): (request: Request) => Promise<Response> {
  const tolerance = options.toleranceSeconds ?? 300
  const maxBytes = options.maxBodyBytes ?? 64 * 1024
  const dedupe = options.dedupe ?? createMemoryDedupeStore()
  const { cometchat } = options

  async function apply(event: UserEvent): Promise<void> {
    if (event.type === 'user.deleted') {
      try {
        await cometchat.users.delete(event.user.uid, { permanent: event.permanent === true })
      } catch (error) {
        if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
      }
    } else if (event.type === 'user.created') {
      await ensureUser(cometchat, event.user)
    } else {
      const { uid, ...patch } = event.user
      try {
        await cometchat.users.update(uid, patch)
      } catch (error) {
        if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
        await ensureUser(cometchat, event.user)
      }
    }
  }

  return async function userSyncHandler(request: Request): Promise<Response> {
    if (request.method !== 'POST')
      return json(
        405,
        { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } },
        { allow: 'POST' },
      )
    const declared = Number(request.headers.get('content-length') ?? 0)
    if (declared > maxBytes)
      return json(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' } })
    const raw = await readLimited(request, maxBytes)
    if (raw === null)
      return json(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' } })

    const timestamp = request.headers.get(TIMESTAMP_HEADER) ?? ''
    const signature = request.headers.get(SIGNATURE_HEADER) ?? ''
    if (
      !/^\d{1,12}$/.test(timestamp) ||
      Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > tolerance
    ) {
      return json(401, {
        error: {
          code: 'STALE_TIMESTAMP',
          message: 'timestamp missing or outside the replay window',
        },
      })
    }
    const expected = Buffer.from(
      signWebhook(options.secret, raw, Number(timestamp))[SIGNATURE_HEADER] ?? '',
    )
    const given = Buffer.from(signature)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return json(401, { error: { code: 'BAD_SIGNATURE', message: 'signature does not match' } })
    }

    const event = parseEvent(raw)
    if (!event)
      return json(400, { error: { code: 'INVALID_EVENT', message: 'unknown or malformed event' } })
    if (!(await dedupe.claim(event.id))) return json(200, { ok: true, duplicate: true })
    try {
      await apply(event)
      return json(200, { ok: true })
    } catch (error) {
      // Let the sender retry the same id.
      await dedupe.release?.(event.id)
      if (
        isCometChatError(error) &&
        error.status === undefined &&
        error.code.startsWith('INVALID_')
      ) {
        return json(422, { error: { code: error.code, message: error.message } })
      }
      return json(503, {
        error: { code: 'COMETCHAT_UNAVAILABLE', message: 'could not apply the event; retry later' },
      })
    }
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseEvent(raw: string): UserEvent | null {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const event = value as Record<string, unknown>
  const user = event.user as Record<string, unknown> | undefined
  if (
    typeof event.id !== 'string' ||
    event.id === '' ||
    typeof user !== 'object' ||
    user === null ||
    typeof user.uid !== 'string'
  )
    return null
  if (
    event.type === 'user.created' ||
    event.type === 'user.updated' ||
    event.type === 'user.deleted'
  )
    return value as UserEvent
  return null
}
