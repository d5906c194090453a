import type { AuthToken, Page } from '../types.js'
import { assertUid } from '../validation.js'
import type { Http } from './http.js'
import { toPage } from './users.js'

/** The auth tokens resource. */
export interface AuthTokensApi {
  create(uid: string, options?: { force?: boolean }): Promise<AuthToken>
  list(uid: string, options?: { perPage?: number; page?: number }): Promise<Page<AuthToken>>
  get(uid: string, authToken: string): Promise<AuthToken>
  delete(uid: string, authToken: string): Promise<void>
  deleteAll(uid: string): Promise<void>
}

const enc = encodeURIComponent

/** Builds the auth tokens resource over a request layer. */
export function createAuthTokensApi(http: Http): AuthTokensApi {
  return {
    async create(uid, options = {}) {
      assertUid(uid)
      return (
        await http<AuthToken>(
          'POST',
          `/users/${enc(uid)}/auth_tokens`,
          options.force ? { force: true } : {},
        )
      ).data
    },
    async list(uid, options = {}) {
      assertUid(uid)
      const query = new URLSearchParams()
      if (options.perPage) query.set('perPage', String(options.perPage))
      if (options.page) query.set('page', String(options.page))
      const answer = await http<AuthToken[]>(
        'GET',
        `/users/${enc(uid)}/auth_tokens${query.size ? `?${query}` : ''}`,
      )
      return toPage(answer, options.perPage, options.page)
    },
    async get(uid, authToken) {
      assertUid(uid)
      return (await http<AuthToken>('GET', `/users/${enc(uid)}/auth_tokens/${enc(authToken)}`)).data
    },
    async delete(uid, authToken) {
      assertUid(uid)
      await http('DELETE', `/users/${enc(uid)}/auth_tokens/${enc(authToken)}`)
    },
    async deleteAll(uid) {
      assertUid(uid)
      await http('DELETE', `/users/${enc(uid)}/auth_tokens`)
    },
  }
}
