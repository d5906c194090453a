import { CometChatApiError } from '../errors.js'
import type { NewUser, Page, User, UserPatch } from '../types.js'
import { assertNewUser, assertUid, assertUserPatch } from '../validation.js'
import type { Envelope, Http, RequestOptions } from './http.js'

/** Per-user outcome of `users.createMany`. */
export type CreateManyResult =
  | { uid: string; ok: true; user: User }
  | { uid: string; ok: false; error: CometChatApiError }

/** Options of `users.list` (CometChat's list parameters). */
export interface ListUsersOptions {
  /** Up to 1000 (CometChat's limit). */
  perPage?: number
  page?: number
  /** Prefix match on the fields named by `searchIn` (uid and name by default). */
  searchKey?: string
  /** Fields `searchKey` looks at, e.g. `['uid']` or `['name']`. */
  searchIn?: ('uid' | 'name')[]
  status?: 'online' | 'offline'
  /** Tags appear on listed users only when true. */
  withTags?: boolean
  /** Include deactivated (soft-deleted) users, which lists skip by default. */
  withDeactivated?: boolean
  /** Only users updated after (`append`) or before (`prepend`) this Unix time: a previous page's `cursor`. */
  cursor?: ListCursor
}

/** CometChat's list cursor (`meta.cursor`). */
export interface ListCursor {
  updatedAt: number
  affix: 'append' | 'prepend'
}

/** The users resource. Every method takes an optional last `RequestOptions` (signal, deadline). */
export interface UsersApi {
  create(user: NewUser, options?: RequestOptions): Promise<User>
  createMany(users: NewUser[], options?: RequestOptions): Promise<CreateManyResult[]>
  /** A deactivated user answers ERR_UID_NOT_FOUND, as CometChat documents. */
  get(uid: string, options?: RequestOptions): Promise<User>
  list(options?: ListUsersOptions & RequestOptions): Promise<Page<User> & { cursor?: ListCursor }>
  all(options?: Omit<ListUsersOptions, 'page'> & RequestOptions): AsyncIterable<User>
  /** `patch.unset: ['avatar']` clears a field. */
  update(uid: string, patch: UserPatch, options?: RequestOptions): Promise<User>
  /** Deactivates (soft delete), or with `permanent: true` deletes for good. */
  delete(uid: string, options?: { permanent?: boolean } & RequestOptions): Promise<void>
  /** Deactivates many users: `DELETE /users { uidsToDeactivate }`. */
  deactivateMany(uids: string[], options?: RequestOptions): Promise<void>
  /** Reactivates a deactivated user (`PUT /users { uidsToActivate }`); false when CometChat did not list it as reactivated. */
  restore(uid: string, options?: RequestOptions): Promise<boolean>
}

const enc = encodeURIComponent

/** Builds the users resource over a request layer. */
export function createUsersApi(http: Http): UsersApi {
  const api: UsersApi = {
    async create(user, options) {
      assertNewUser(user)
      return (await http<User>('POST', '/users', user, options)).data
    },
    async createMany(users, options) {
      // The seed's array POST is unconfirmed in the REST reference; one create per user gives a per-user answer.
      return Promise.all(
        users.map(async (user): Promise<CreateManyResult> => {
          try {
            return { uid: user.uid, ok: true, user: await api.create(user, options) }
          } catch (error) {
            if (!(error instanceof CometChatApiError)) throw error
            return { uid: String(user?.uid), ok: false, error }
          }
        }),
      )
    },
    async get(uid, options) {
      assertUid(uid)
      return (await http<User>('GET', `/users/${enc(uid)}`, undefined, options)).data
    },
    async list(options = {}) {
      const { signal, deadline, cursor, searchIn, ...rest } = options
      const query = new URLSearchParams()
      for (const [key, value] of Object.entries(rest))
        if (value !== undefined) query.set(key, String(value))
      if (searchIn?.length) query.set('searchIn', searchIn.join(','))
      if (cursor) {
        query.set('updatedAt', String(cursor.updatedAt))
        query.set('affix', cursor.affix)
      }
      const answer = await http<User[]>(
        'GET',
        `/users${query.size ? `?${query}` : ''}`,
        undefined,
        {
          signal,
          deadline,
        },
      )
      const page = toPage(answer, options.perPage, options.page)
      const next = (answer.meta as { cursor?: unknown } | undefined)?.cursor
      return isCursor(next) ? { ...page, cursor: next } : page
    },
    async *all(options = {}) {
      for (let page = 1; ; page += 1) {
        const result = await api.list({ ...options, page })
        yield* result.items
        if (result.items.length === 0 || page >= result.totalPages) return
      }
    },
    async update(uid, patch, options) {
      assertUid(uid)
      assertUserPatch(patch)
      return (await http<User>('PUT', `/users/${enc(uid)}`, patch, options)).data
    },
    async delete(uid, options = {}) {
      assertUid(uid)
      const { permanent, ...call } = options
      await http(
        'DELETE',
        `/users/${enc(uid)}${permanent ? '?permanent=true' : ''}`,
        permanent ? { permanent: true } : undefined,
        call,
      )
    },
    async deactivateMany(uids, options) {
      for (const uid of uids) assertUid(uid)
      await http('DELETE', '/users', { uidsToDeactivate: uids }, options)
    },
    async restore(uid, options) {
      assertUid(uid)
      const answer = await http<{ nonDeactivatedUids?: unknown }>(
        'PUT',
        '/users',
        { uidsToActivate: [uid] },
        options,
      )
      // The docs describe `nonDeactivatedUids` as the "re-activated users" (see the emulator README).
      const reactivated = answer.data?.nonDeactivatedUids
      return !Array.isArray(reactivated) || reactivated.includes(uid)
    },
  }
  return api
}

function isCursor(value: unknown): value is ListCursor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ListCursor).updatedAt === 'number' &&
    ((value as ListCursor).affix === 'append' || (value as ListCursor).affix === 'prepend')
  )
}

/** Turns a list envelope into a Page. */
export function toPage<T>(answer: Envelope<T[]>, perPage = 100, page = 1): Page<T> {
  const items = Array.isArray(answer.data) ? answer.data : []
  const p = answer.meta?.pagination
  return {
    items,
    total: p?.total ?? items.length,
    perPage: p?.per_page ?? perPage,
    page: p?.current_page ?? page,
    totalPages: p?.total_pages ?? 1,
  }
}
