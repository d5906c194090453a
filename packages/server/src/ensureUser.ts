import type { CometChatClient } from './client/createCometChatClient.js'
import { CometChatApiError, isCometChatError } from './errors.js'
import { createSingleFlight } from './singleFlight.js'
import type { Profile, User } from './types.js'
import { assertNewUser } from './validation.js'

/** Options of `ensureUser`. */
export interface EnsureUserOptions {
  /** Reactivate a soft-deleted user instead of failing with USER_DEACTIVATED (default false). */
  restoreDeactivated?: boolean
}

const flights = new WeakMap<
  CometChatClient,
  (key: string, run: () => Promise<User>) => Promise<User>
>()

/**
 * Makes sure `profile.uid` exists in CometChat: one GET for an existing user, a create when missing.
 * Concurrent calls for one uid share one flight; a create that loses a race counts as success.
 */
export async function ensureUser(
  cometchat: CometChatClient,
  profile: Profile,
  options: EnsureUserOptions = {},
): Promise<User> {
  assertNewUser(profile)
  let flight = flights.get(cometchat)
  if (!flight) {
    flight = createSingleFlight<User>()
    flights.set(cometchat, flight)
  }
  // CometChat lowercases uids, so `Ann` and `ann` are one user.
  return flight(`${profile.uid.toLowerCase()}:${options.restoreDeactivated ? 1 : 0}`, () =>
    provision(cometchat, profile, options),
  )
}

async function provision(
  cometchat: CometChatClient,
  profile: Profile,
  options: EnsureUserOptions,
): Promise<User> {
  let user: User
  try {
    user = await cometchat.users.get(profile.uid)
  } catch (error) {
    if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
    try {
      return await cometchat.users.create(toNewUser(profile))
    } catch (createError) {
      if (!isCometChatError(createError, 'ERR_UID_ALREADY_EXISTS')) throw createError
      user = await cometchat.users.get(profile.uid)
    }
  }
  if (user.deactivatedAt !== undefined && user.deactivatedAt !== null) {
    if (!options.restoreDeactivated) throw deactivated(profile.uid)
    await cometchat.users.restore(profile.uid)
    return { ...user, deactivatedAt: undefined }
  }
  return user
}

/** The USER_DEACTIVATED error for a soft-deleted uid. */
export function deactivated(uid: string, cause?: unknown): CometChatApiError {
  return new CometChatApiError(
    'USER_DEACTIVATED',
    `user ${uid} is deactivated (soft-deleted) in CometChat; restore it to sign it in`,
    {
      status: 403,
      cause,
    },
  )
}

/** The create body for a profile. */
export function toNewUser(profile: Profile) {
  const { uid, name, avatar, metadata, tags } = profile
  return { uid, name, avatar, metadata, tags }
}
