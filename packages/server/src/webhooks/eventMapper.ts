import type { EventProfile, UserEvent } from '../userSync.js'

/** What the verifier learned about a delivery, handed to the mapper. */
export interface DeliveryInfo {
  /** The scheme's stable message id (Standard Webhooks' `webhook-id`), when there is one. */
  id?: string | undefined
}

/**
 * Turns a verified payload into our user event, or `null` for an event type this app ignores
 * (answered 200 `{ ignored: 'unhandled' }` so the sender stops retrying).
 */
export type EventMapper = (payload: unknown, delivery: DeliveryInfo) => UserEvent | null

/** The fields a generic mapping reads from a provider's payload. */
export interface GenericMapping {
  /** Which of our event types this payload is, or null to ignore it. */
  type: (payload: unknown) => UserEvent['type'] | null
  /** Our uid for the payload's user (lowercase, alpha-dash: map the provider's ids). */
  uid: (payload: unknown) => string
  /** The profile for created/updated events (only allow-listed fields reach CometChat). */
  profile?: (payload: unknown) => Omit<EventProfile, 'uid'>
  /** A per-uid number that grows with each change (e.g. an `updated_at` in ms). */
  version?: (payload: unknown) => number | undefined
  /** The event id when the payload carries one; default the delivery's message id. */
  id?: (payload: unknown) => string | undefined
  /** Whether a delete is permanent (default false: CometChat deactivates, restorable). */
  permanent?: (payload: unknown) => boolean
}

/** Builds an EventMapper from field accessors, for any provider's user events. */
export function mapUserEvents(mapping: GenericMapping): EventMapper {
  return (payload, delivery) => {
    const type = mapping.type(payload)
    if (type === null) return null
    const id = mapping.id?.(payload) ?? delivery.id
    if (!id) throw new TypeError('the event has no id and the delivery no message id')
    const uid = mapping.uid(payload)
    const version = mapping.version?.(payload)
    const versioned = version === undefined ? {} : { version }
    if (type === 'user.deleted')
      return {
        id,
        type,
        user: { uid },
        ...(mapping.permanent?.(payload) ? { permanent: true } : {}),
        ...versioned,
      }
    const profile = mapping.profile?.(payload) ?? { name: uid }
    return { id, type, user: { ...profile, uid }, ...versioned }
  }
}
