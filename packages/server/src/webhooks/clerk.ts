import { type EventMapper, mapUserEvents } from './eventMapper.js'

/** The part of Clerk's User object (the `data` of `user.*` events) the mapping reads. */
export interface ClerkUser {
  id: string
  object?: 'user'
  first_name?: string | null
  last_name?: string | null
  username?: string | null
  image_url?: string | null
  has_image?: boolean
  primary_email_address_id?: string | null
  email_addresses?: { id: string; email_address: string }[]
  external_id?: string | null
  public_metadata?: Record<string, unknown>
  created_at?: number
  updated_at?: number
  /** Only on `user.deleted`. */
  deleted?: boolean
}

/** A Clerk webhook event (`{ type, data, object: 'event', timestamp }`). */
export interface ClerkEvent {
  type: string
  object?: 'event'
  /** Milliseconds since the epoch. */
  timestamp?: number
  data: ClerkUser
}

/** Options of `clerkUserEvents`. */
export interface ClerkUserEventsOptions {
  /**
   * Our uid for a Clerk user; use the same mapping in the token endpoint's `authenticate`.
   * Default `clerkUid(user.id)`.
   */
  uid?: (user: ClerkUser) => string
  /** Delete users for good in CometChat (messages included) on `user.deleted` (default false: deactivate). */
  permanentDelete?: boolean
  /** Copy `public_metadata` into CometChat's metadata (default false: it may be larger than 5 KB or private to the app). */
  publicMetadata?: boolean
}

/**
 * Clerk's user ids (`user_29w83sxmDNGwOuEthce5gg56FcC`) mix cases, and CometChat lowercases uids:
 * `user_2aB` and `user_2Ab` would become one CometChat user. This lowercases reversibly (an upper
 * case letter becomes `-` + its lower case), so distinct Clerk users stay distinct: `user_29w83sxm-d-n-g…`.
 */
export function clerkUid(clerkId: string): string {
  return clerkId.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
}

/** The display name Clerk's User gives: first + last name, else username, else the primary email's local part. */
function nameOf(user: ClerkUser): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ').trim()
  if (full) return full
  if (user.username) return user.username
  const email =
    user.email_addresses?.find((e) => e.id === user.primary_email_address_id) ??
    user.email_addresses?.[0]
  return email?.email_address.split('@')[0] || user.id
}

const TYPES: Record<string, 'user.created' | 'user.updated' | 'user.deleted'> = {
  'user.created': 'user.created',
  'user.updated': 'user.updated',
  'user.deleted': 'user.deleted',
}

/**
 * Maps Clerk's `user.created`, `user.updated` and `user.deleted` webhooks to our user events
 * (other types are ignored). The event id is the Svix message id (stable across retries); the
 * version is the user's `updated_at` (ms), or the event's `timestamp` for a delete, so a late
 * update cannot undo a delete. A user without an uploaded image (`has_image: false`) clears the avatar.
 * @example createUserSyncHandler({ cometchat, verify: standardWebhooks(secret), toEvent: clerkUserEvents() })
 */
export function clerkUserEvents(options: ClerkUserEventsOptions = {}): EventMapper {
  const uidOf = options.uid ?? ((user: ClerkUser) => clerkUid(user.id))
  const event = (payload: unknown) => payload as ClerkEvent
  return mapUserEvents({
    type: (payload) => {
      const e = event(payload)
      return typeof e?.type === 'string' && typeof e.data?.id === 'string'
        ? (TYPES[e.type] ?? null)
        : null
    },
    uid: (payload) => uidOf(event(payload).data),
    profile: (payload) => {
      const user = event(payload).data
      return {
        name: nameOf(user).slice(0, 100),
        avatar: user.has_image === false ? null : (user.image_url ?? null),
        ...(options.publicMetadata && user.public_metadata
          ? { metadata: user.public_metadata }
          : {}),
      }
    },
    version: (payload) => {
      const e = event(payload)
      const at = e.type === 'user.deleted' ? e.timestamp : e.data.updated_at
      return typeof at === 'number' && Number.isFinite(at) ? at : undefined
    },
    permanent: () => options.permanentDelete === true,
  })
}
