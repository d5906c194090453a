import { createHmac, timingSafeEqual } from 'node:crypto'
import type { CometChatClient } from './client/createCometChatClient.js'
import { ensureUser } from './ensureUser.js'
import { isCometChatError } from './errors.js'
import { createMemoryDedupeStore, type DedupeStore } from './stores/dedupeStore.js'
import {
  createMemorySyncStateStore,
  type SyncStateStore,
  type UserSyncState,
} from './stores/syncStateStore.js'
import { json } from './tokenHandler.js'
import type { Profile, UnsettableField, UserPatch } from './types.js'
import type { EventMapper } from './webhooks/eventMapper.js'
import type { WebhookVerdict, WebhookVerifier } from './webhooks/verifier.js'

/** Header carrying `v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>`. */
export const SIGNATURE_HEADER = 'x-callsession-signature'
/** Header carrying the Unix-seconds timestamp that was signed. */
export const TIMESTAMP_HEADER = 'x-callsession-timestamp'

/** The profile fields an event may carry (anything else, such as `role`, is dropped); `null` clears avatar, link or metadata. */
export interface EventProfile {
  uid: string
  name: string
  avatar?: string | null | undefined
  link?: string | null | undefined
  metadata?: Record<string, unknown> | null | undefined
  tags?: string[] | undefined
  statusMessage?: string | undefined
}

/**
 * A user event the app sends. `version` (optional) is a per-uid number that grows with every change,
 * e.g. the user row's `updatedAt` in ms: an event not newer than the last applied one is ignored.
 */
export type UserEvent =
  | { id: string; type: 'user.created' | 'user.updated'; user: EventProfile; version?: number }
  | {
      id: string
      type: 'user.deleted'
      user: { uid: string }
      permanent?: boolean | undefined
      version?: number | undefined
    }

/** Options of `createUserSyncHandler`. */
export interface UserSyncOptions {
  cometchat: CometChatClient
  /** Our own HMAC scheme's secret (`x-callsession-signature`); needed unless `verify` is given. */
  secret?: string | undefined
  /**
   * Another signature scheme instead of ours, e.g. `standardWebhooks(signingSecret)` for
   * Svix-based providers such as Clerk.
   */
  verify?: WebhookVerifier | undefined
  /**
   * Turns the verified JSON body into our event, e.g. `clerkUserEvents()` or `mapUserEvents({…})`
   * (default: the body is our `UserEvent`). Its result passes the same checks and allow-list.
   */
  toEvent?: EventMapper | undefined
  /** Replay window in seconds of our own scheme (default 300; Standard Webhooks: 5 minutes). */
  toleranceSeconds?: number | undefined
  /** Event ids applied or being applied (default in memory, 10,000 ids / 24 h). */
  dedupe?: DedupeStore | undefined
  /** Per-uid versions and tombstones (default in memory, 30 days). */
  syncState?: SyncStateStore | undefined
  /** How long one delivery holds its id before a retry may take over (default 60 s). */
  leaseSeconds?: number | undefined
  /** Largest accepted body in bytes (default 64 KiB). */
  maxBodyBytes?: number | undefined
  /** Called with failures worth a log line (store errors, CometChat outages). */
  onError?: (error: unknown) => void
}

const PROFILE_FIELDS = ['name', 'avatar', 'link', 'metadata', 'tags', 'statusMessage'] as const
const UNSETTABLE: readonly UnsettableField[] = ['avatar', 'link', 'metadata']

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

/** Why an event was acknowledged without changing CometChat. */
type Skip = 'stale' | 'deleted'

/**
 * Web-standard webhook receiver mirroring the app's user events into CometChat, as an at-least-once
 * consumer: an id counts as seen only after its event was applied, events of one uid are applied
 * in arrival order, and versions/tombstones keep a late event from undoing a newer one. It never
 * throws: 400 (unreadable), 401, 409 (being applied), 413, 422 (cannot apply), 503 (retry later).
 */
export function createUserSyncHandler(
  options: UserSyncOptions,
): (request: Request) => Promise<Response> {
  const tolerance = options.toleranceSeconds ?? 300
  const maxBytes = options.maxBodyBytes ?? 64 * 1024
  const leaseMs = (options.leaseSeconds ?? 60) * 1000
  const dedupe = options.dedupe ?? createMemoryDedupeStore()
  const states = options.syncState ?? createMemorySyncStateStore()
  const { cometchat } = options
  if (!options.verify && !options.secret)
    throw new TypeError('createUserSyncHandler: give `secret` (our HMAC scheme) or `verify`')
  const queues = new Map<string, Promise<unknown>>()
  const report = (error: unknown) => {
    try {
      options.onError?.(error)
    } catch {
      // A throwing logger must not change the answer.
    }
  }

  /** Runs `task` after every earlier task of the same uid (in this process). */
  function inOrder<T>(uid: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(uid) ?? Promise.resolve()
    const run = previous.then(task, task)
    const tail = run.catch(() => {})
    queues.set(uid, tail)
    void tail.then(() => {
      if (queues.get(uid) === tail) queues.delete(uid)
    })
    return run
  }

  async function apply(event: UserEvent): Promise<Skip | undefined> {
    const uid = event.user.uid
    const state = await states.get(uid)
    if (
      event.version !== undefined &&
      state?.version !== undefined &&
      event.version <= state.version
    )
      return 'stale'
    // Without versions, a tombstone still stops an update from recreating a deleted user.
    if (event.type === 'user.updated' && state?.deleted) return 'deleted'
    if (event.type === 'user.deleted') {
      try {
        await cometchat.users.delete(uid, { permanent: event.permanent === true })
      } catch (error) {
        if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
      }
    } else if (event.type === 'user.created') {
      await ensureUser(cometchat, toProfile(event.user))
    } else {
      try {
        await cometchat.users.update(uid, toPatch(event.user))
      } catch (error) {
        if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
        await ensureUser(cometchat, toProfile(event.user))
      }
    }
    const next: UserSyncState = {
      version: event.version ?? state?.version,
      deleted: event.type === 'user.deleted' ? event.permanent === true : false,
    }
    await states.set(uid, next)
    return undefined
  }

  async function handle(request: Request): Promise<Response> {
    if (request.method !== 'POST')
      return json(
        405,
        { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } },
        { allow: 'POST' },
      )
    const declared = Number(request.headers.get('content-length') ?? 0)
    if (declared > maxBytes) return tooLarge()
    let raw: string | null
    try {
      raw = await readLimited(request, maxBytes)
    } catch {
      return json(400, { error: { code: 'BODY_ABORTED', message: 'the body could not be read' } })
    }
    if (raw === null) return tooLarge()

    const verdict = options.verify
      ? await options.verify(raw, request.headers)
      : verifyOwnScheme(options.secret ?? '', raw, request.headers, tolerance)
    if (!verdict.ok) return json(401, { error: { code: verdict.code, message: verdict.message } })

    let event: UserEvent | null
    if (options.toEvent) {
      let mapped: UserEvent | null
      try {
        mapped = options.toEvent(JSON.parse(raw) as unknown, { id: verdict.id })
      } catch {
        return json(400, {
          error: { code: 'INVALID_EVENT', message: 'unknown or malformed event' },
        })
      }
      if (mapped === null) return json(200, { ok: true, ignored: 'unhandled' })
      event = parseEvent(JSON.stringify(mapped))
    } else {
      event = parseEvent(raw)
    }
    if (!event)
      return json(400, { error: { code: 'INVALID_EVENT', message: 'unknown or malformed event' } })

    let claim: Awaited<ReturnType<DedupeStore['claim']>>
    try {
      claim = await dedupe.claim(event.id, leaseMs)
    } catch (error) {
      report(error)
      return unavailable('STORE_UNAVAILABLE')
    }
    if (claim === 'done') return json(200, { ok: true, duplicate: true })
    if (claim === 'busy')
      return json(
        409,
        {
          error: { code: 'EVENT_IN_PROGRESS', message: 'this event is being applied; retry later' },
        },
        { 'retry-after': String(Math.ceil(leaseMs / 1000)) },
      )
    let skipped: Skip | undefined
    try {
      skipped = await inOrder(event.user.uid, () => apply(event))
    } catch (error) {
      // Not applied: let the sender's retry apply the same id.
      await Promise.resolve()
        .then(() => dedupe.release(event.id))
        .catch(report)
      if (isCometChatError(error, 'USER_DEACTIVATED'))
        return json(422, {
          error: { code: 'USER_DEACTIVATED', message: 'the user is deactivated in CometChat' },
        })
      if (
        isCometChatError(error) &&
        error.status === undefined &&
        error.code.startsWith('INVALID_')
      )
        return json(422, { error: { code: error.code, message: error.message } })
      report(error)
      return unavailable(isCometChatError(error) ? 'COMETCHAT_UNAVAILABLE' : 'STORE_UNAVAILABLE')
    }
    try {
      await dedupe.complete(event.id)
    } catch (error) {
      // Applied, but not remembered: a redelivery is applied again, which the versions make harmless.
      report(error)
    }
    return json(200, { ok: true, ...(skipped ? { ignored: skipped } : {}) })
  }

  return async function userSyncHandler(request: Request): Promise<Response> {
    try {
      return await handle(request)
    } catch (error) {
      report(error)
      return unavailable('INTERNAL_ERROR')
    }
  }
}

/** Our own scheme: `v1=` HMAC-SHA256 of `${timestamp}.${body}`, timestamp within `tolerance` seconds. */
function verifyOwnScheme(
  secret: string,
  raw: string,
  headers: Headers,
  tolerance: number,
): WebhookVerdict {
  const timestamp = headers.get(TIMESTAMP_HEADER) ?? ''
  const signature = headers.get(SIGNATURE_HEADER) ?? ''
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > tolerance
  )
    return {
      ok: false,
      code: 'STALE_TIMESTAMP',
      message: 'timestamp missing or outside the replay window',
    }
  const expected = Buffer.from(signWebhook(secret, raw, Number(timestamp))[SIGNATURE_HEADER] ?? '')
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, code: 'BAD_SIGNATURE', message: 'signature does not match' }
  return { ok: true }
}

function tooLarge(): Response {
  return json(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' } })
}

function unavailable(code: string): Response {
  return json(503, { error: { code, message: 'could not apply the event; retry later' } })
}

/** The create body of an event's user: allow-listed fields, cleared ones left out. */
function toProfile(user: EventProfile): Profile {
  const profile: Profile = { uid: user.uid, name: user.name }
  if (typeof user.avatar === 'string') profile.avatar = user.avatar
  if (user.metadata) profile.metadata = user.metadata
  if (user.tags) profile.tags = user.tags
  return profile
}

/** The update body of an event's user: allow-listed fields only, `null` → `unset`. */
function toPatch(user: EventProfile): UserPatch {
  const patch: UserPatch = {}
  const unset: UnsettableField[] = []
  for (const field of PROFILE_FIELDS) {
    const value = user[field]
    if (value === null && (UNSETTABLE as readonly string[]).includes(field))
      unset.push(field as UnsettableField)
    else if (value !== undefined && value !== null) Object.assign(patch, { [field]: value })
  }
  if (unset.length > 0) patch.unset = unset
  return patch
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
      await reader.cancel().catch(() => {})
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
    typeof user.uid !== 'string' ||
    (event.version !== undefined &&
      (typeof event.version !== 'number' || !Number.isFinite(event.version)))
  )
    return null
  const version = event.version as number | undefined
  if (event.type === 'user.deleted')
    return {
      id: event.id,
      type: 'user.deleted',
      user: { uid: user.uid },
      ...(event.permanent === true ? { permanent: true } : {}),
      ...(version !== undefined ? { version } : {}),
    }
  if (event.type === 'user.created' || event.type === 'user.updated') {
    // Only allow-listed profile fields survive: `role` and anything else never reach CometChat.
    const picked: Record<string, unknown> = { uid: user.uid }
    for (const field of PROFILE_FIELDS) if (field in user) picked[field] = user[field]
    return {
      id: event.id,
      type: event.type,
      user: picked as unknown as EventProfile,
      ...(version !== undefined ? { version } : {}),
    }
  }
  return null
}
