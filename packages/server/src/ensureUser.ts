import { QueryClient } from '@tanstack/query-core'
import type { CometChatClient } from './client/createCometChatClient.js'
import type { RequestOptions } from './client/http.js'
import { CometChatApiError, isCometChatError } from './errors.js'
import type { NewUser, Profile, User } from './types.js'
import { assertNewUser } from './validation.js'

/** Options of `ensureUser`. */
export interface EnsureUserOptions extends RequestOptions {
  /** Reactivate a deactivated (soft-deleted) user instead of failing with USER_DEACTIVATED (default false). */
  restoreDeactivated?: boolean
}

/** Per client, the in-flight provisioning of each uid (TanStack query-core shares one per key). */
const inFlight = new WeakMap<CometChatClient, QueryClient>()

/**
 * Makes sure `profile.uid` exists and is active in CometChat: one GET for an existing user, a create
 * when missing. CometChat answers ERR_UID_NOT_FOUND for a deactivated user too, so a create that
 * answers ERR_UID_ALREADY_EXISTS while GET still says not found means "deactivated":
 * USER_DEACTIVATED (403), or a reactivation with `restoreDeactivated`.
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
  const queryKey = ['ensureUser', profile.uid, !!options.restoreDeactivated]
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
  const call = { signal: options.signal, deadline: options.deadline }
  try {
    return await cometchat.users.get(profile.uid, call)
  } catch (error) {
    if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
  }
  try {
    return await cometchat.users.create(toNewUser(profile), call)
  } catch (error) {
    if (!isCometChatError(error, 'ERR_UID_ALREADY_EXISTS')) throw error
  }
  // It exists: either another request just created it, or it is deactivated (GET hides it).
  try {
    return await cometchat.users.get(profile.uid, call)
  } catch (error) {
    if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) throw error
    if (!options.restoreDeactivated) throw deactivated(profile.uid, error)
  }
  await cometchat.users.restore(profile.uid, call)
  return cometchat.users.get(profile.uid, call)
}

/** The USER_DEACTIVATED error for a soft-deleted uid. */
export function deactivated(uid: string, cause?: unknown): CometChatApiError {
  return new CometChatApiError(
    'USER_DEACTIVATED',
    `user ${uid} is deactivated (soft-deleted) in CometChat; reactivate it to sign it in`,
    { status: 403, cause },
  )
}

/** The create body for a profile: only the fields a profile may set (never `role`). */
export function toNewUser(profile: Profile): NewUser {
  const { uid, name, avatar, metadata, tags } = profile
  return { uid, name, avatar, metadata, tags }
}
