import { CometChatApiError } from '../errors.js'
import type { NewUser, Page, User, UserPatch } from '../types.js'
import { assertNewUser, assertUid, assertUserPatch } from '../validation.js'
import type { Envelope, Http } from './http.js'

/** Per-user outcome of `users.createMany`. */
export type CreateManyResult =
  | { uid: string; ok: true; user: User }
  | { uid: string; ok: false; error: CometChatApiError }

/** Options of `users.list`. */
export interface ListUsersOptions {
  perPage?: number
  page?: number
  searchKey?: string
  onlyDeactivated?: boolean
}

/** The users resource. */
export interface UsersApi {
  create(user: NewUser): Promise<User>
  createMany(users: NewUser[]): Promise<CreateManyResult[]>
  get(uid: string): Promise<User>
  list(options?: ListUsersOptions): Promise<Page<User>>
  all(options?: Omit<ListUsersOptions, 'page'>): AsyncIterable<User>
  update(uid: string, patch: UserPatch): Promise<User>
  delete(uid: string, options?: { permanent?: boolean }): Promise<void>
  restore(uid: string): Promise<void>
}

const enc = encodeURIComponent

/** Builds the users resource over a request layer. */
export function createUsersApi(http: Http): UsersApi {
  const api: UsersApi = {
    async create(user) {
      assertNewUser(user)
      return (await http<User>('POST', '/users', user)).data
    },
    async createMany(users) {
      // The seed's array POST is unconfirmed in the REST reference; one create per user gives a per-user answer.
      return Promise.all(
        users.map(async (user): Promise<CreateManyResult> => {
          try {
            return { uid: user.uid, ok: true, user: await api.create(user) }
          } catch (error) {
            if (!(error instanceof CometChatApiError)) throw error
            return { uid: String(user?.uid), ok: false, error }
          }
        }),
      )
    },
    async get(uid) {
      assertUid(uid)
      return (await http<User>('GET', `/users/${enc(uid)}`)).data
    },
    async list(options = {}) {
      const query = new URLSearchParams()
      for (const [key, value] of Object.entries(options))
        if (value !== undefined) query.set(key, String(value))
      const answer = await http<User[]>('GET', `/users${query.size ? `?${query}` : ''}`)
      return toPage(answer, options.perPage, options.page)
    },
    async *all(options = {}) {
      for (let page = 1; ; page += 1) {
        const result = await api.list({ ...options, page })
        yield* result.items
        if (result.items.length === 0 || page >= result.totalPages) return
      }
    },
    async update(uid, patch) {
      assertUid(uid)
      assertUserPatch(patch)
      return (await http<User>('PUT', `/users/${enc(uid)}`, patch)).data
    },
    async delete(uid, options = {}) {
      assertUid(uid)
      await http(
        'DELETE',
        `/users/${enc(uid)}${options.permanent ? '?permanent=true' : ''}`,
        options.permanent ? { permanent: true } : undefined,
      )
    },
    async restore(uid) {
      assertUid(uid)
      await http('PUT', '/users', { uidsToActivate: [uid] })
    },
  }
  return api
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
