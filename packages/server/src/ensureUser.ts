import { QueryClient } from '@tanstack/query-core'
import type { CometChatClient } from './client/createCometChatClient.js'
import { CometChatApiError, isCometChatError } from './errors.js'
import type { Profile, User } from './types.js'
import { assertNewUser } from './validation.js'

/** Options of `ensureUser`. */
export interface EnsureUserOptions {
  /** Reactivate a soft-deleted user instead of failing with USER_DEACTIVATED (default false). */
  restoreDeactivated?: boolean
}

/** Per client, the in-flight provisioning of each uid (TanStack query-core shares one per key). */
const inFlight = new WeakMap<CometChatClient, QueryClient>()

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
  let queries = inFlight.get(cometchat)
  if (!queries) {
    // Nothing is cached: a query lives only while it runs, so every call after it asks again.
    queries = new QueryClient({
      defaultOptions: { queries: { retry: false, gcTime: 0, staleTime: 0, networkMode: 'always' } },
    })
    inFlight.set(cometchat, queries)
  }
  // CometChat lowercases uids, so `Ann` and `ann` are one user.
  const queryKey = ['ensureUser', profile.uid.toLowerCase(), !!options.restoreDeactivated]
  try {
    return await queries.fetchQuery({
      queryKey,
      queryFn: () => provision(cometchat, profile, options),
    })
  } finally {
    queries.removeQueries({ queryKey, exact: true, fetchStatus: 'idle' })
  }
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
