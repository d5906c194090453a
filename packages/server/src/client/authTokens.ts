import type { AuthToken, Page } from '../types.js'
import { assertUid } from '../validation.js'
import type { Http, RequestOptions } from './http.js'
import { toPage } from './users.js'

/** The auth tokens resource. Every method takes optional `RequestOptions` (signal, deadline). */
export interface AuthTokensApi {
  /** `force: true` mints a new token; without it CometChat may hand back an existing one. */
  create(uid: string, options?: { force?: boolean } & RequestOptions): Promise<AuthToken>
  list(
    uid: string,
    options?: { perPage?: number; page?: number } & RequestOptions,
  ): Promise<Page<AuthToken>>
  get(uid: string, authToken: string, options?: RequestOptions): Promise<AuthToken>
  delete(uid: string, authToken: string, options?: RequestOptions): Promise<void>
  deleteAll(uid: string, options?: RequestOptions): Promise<void>
}

const enc = encodeURIComponent

/** Builds the auth tokens resource over a request layer. */
export function createAuthTokensApi(http: Http): AuthTokensApi {
  return {
    async create(uid, options = {}) {
      assertUid(uid)
      const { force, ...call } = options
      return (
        await http<AuthToken>(
          'POST',
          `/users/${enc(uid)}/auth_tokens`,
          force ? { force: true } : {},
          call,
        )
      ).data
    },
    async list(uid, options = {}) {
      assertUid(uid)
      const { perPage, page, ...call } = options
      const query = new URLSearchParams()
      if (perPage) query.set('perPage', String(perPage))
      if (page) query.set('page', String(page))
      const answer = await http<AuthToken[]>(
        'GET',
        `/users/${enc(uid)}/auth_tokens${query.size ? `?${query}` : ''}`,
        undefined,
        call,
      )
      return toPage(answer, perPage, page)
    },
    async get(uid, authToken, options) {
      assertUid(uid)
      return (
        await http<AuthToken>(
          'GET',
          `/users/${enc(uid)}/auth_tokens/${enc(authToken)}`,
          undefined,
          options,
        )
      ).data
    },
    async delete(uid, authToken, options) {
      assertUid(uid)
      await http('DELETE', `/users/${enc(uid)}/auth_tokens/${enc(authToken)}`, undefined, options)
    },
    async deleteAll(uid, options) {
      assertUid(uid)
      await http('DELETE', `/users/${enc(uid)}/auth_tokens`, undefined, options)
    },
  }
}
