import { CometChatApiError } from './errors.js'
import type { NewUser, UserPatch } from './types.js'

const UID = /^[a-z0-9_-]{1,100}$/

/**
 * Throws INVALID_UID unless `uid` matches `^[a-z0-9_-]{1,100}$`. CometChat lowercases uids, so
 * `Ann` and `ann` would be one CometChat user: an uppercase uid is refused, never lowercased here.
 */
export function assertUid(uid: unknown): asserts uid is string {
  if (typeof uid !== 'string' || !UID.test(uid.toLowerCase())) {
    throw new CometChatApiError('INVALID_UID', 'uid must be 1-100 characters of a-z, 0-9, _ or -')
  }
  if (uid !== uid.toLowerCase()) {
    throw new CometChatApiError(
      'INVALID_UID',
      'uid must be lowercase: CometChat lowercases uids, so "Ann" and "ann" would share one CometChat user. Map your ids to lowercase uids that are unique in your app (e.g. a lowercase database id), do not just lowercase names',
    )
  }
}

const UNSETTABLE = new Set(['avatar', 'link', 'metadata'])

/** Throws a validation error for the first bad field of a user patch. */
export function assertUserPatch(patch: UserPatch): void {
  if (
    patch.name !== undefined &&
    (typeof patch.name !== 'string' || patch.name.trim() === '' || [...patch.name].length > 100)
  ) {
    throw new CometChatApiError(
      'INVALID_NAME',
      'name must be a non-empty string of at most 100 characters',
    )
  }
  for (const field of ['avatar', 'link'] as const) {
    const value = patch[field]
    if (
      value !== undefined &&
      (typeof value !== 'string' || value.length > 3000 || !isHttpUrl(value))
    ) {
      throw new CometChatApiError(
        'INVALID_AVATAR',
        `${field} must be an http(s) URL of at most 3000 characters`,
      )
    }
  }
  if (patch.metadata !== undefined) {
    if (
      typeof patch.metadata !== 'object' ||
      patch.metadata === null ||
      Array.isArray(patch.metadata)
    ) {
      throw new CometChatApiError('INVALID_METADATA', 'metadata must be an object')
    }
    if (Buffer.byteLength(JSON.stringify(patch.metadata)) > 5 * 1024) {
      throw new CometChatApiError('INVALID_METADATA', 'metadata must be at most 5 KB')
    }
  }
  if (
    patch.unset !== undefined &&
    (!Array.isArray(patch.unset) || patch.unset.some((field) => !UNSETTABLE.has(field)))
  ) {
    throw new CometChatApiError('INVALID_INPUT', 'unset lists only avatar, link or metadata')
  }
  if (patch.tags !== undefined) {
    if (
      !Array.isArray(patch.tags) ||
      patch.tags.length > 25 ||
      patch.tags.some((t) => typeof t !== 'string' || t.length === 0 || t.length > 100)
    ) {
      throw new CometChatApiError(
        'INVALID_TAGS',
        'tags must be at most 25 strings of 1-100 characters',
      )
    }
  }
}

/** Throws a validation error unless `user` is a valid new CometChat user (name is required). */
export function assertNewUser(user: NewUser): void {
  if (typeof user !== 'object' || user === null)
    throw new CometChatApiError('INVALID_INPUT', 'user must be an object')
  assertUid(user.uid)
  if (user.name === undefined) throw new CometChatApiError('INVALID_NAME', 'name is required')
  assertUserPatch(user)
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
