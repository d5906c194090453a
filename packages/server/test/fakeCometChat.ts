import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { createCometChatClient } from '../src/client/createCometChatClient.js'

export const API_KEY = 'sk_live_SUPER_SECRET_KEY_0123456789abcdef'
export const BASE = 'https://testapp.api-us.cometchat.io/v3'

interface StoredUser {
  uid: string
  name: string
  avatar?: string
  createdAt: number
  deactivatedAt?: number
}

/**
 * A small in-memory CometChat REST v3 served through msw, for fault cases the emulator cannot
 * produce. Follows COMETCHAT.md: a deactivated user is not found (ERR_UID_NOT_FOUND) except to
 * create (ERR_UID_ALREADY_EXISTS); reactivate answers `nonDeactivatedUids`; token lists are paged;
 * at most 100 tokens per user (the 101st drops the oldest).
 */
export function createFakeCometChat() {
  const users = new Map<string, StoredUser>()
  const tokens = new Map<string, { uid: string; authToken: string; createdAt: number }[]>()
  const log: { method: string; path: string; body: unknown }[] = []
  let seq = 0
  const err = (status: number, code: string) =>
    HttpResponse.json(
      { error: { code, message: code } },
      { status, headers: { 'x-request-id': `req-${++seq}` } },
    )
  const active = (uid: string) => {
    const user = users.get(uid)
    return user && user.deactivatedAt === undefined ? user : undefined
  }
  const auth = (request: Request) => request.headers.get('apikey') === API_KEY
  const mint = (uid: string) => {
    const token = {
      uid,
      authToken: `${uid}_${Date.now()}${(++seq).toString(16).padStart(8, '0')}`,
      createdAt: Math.floor(Date.now() / 1000),
    }
    tokens.set(uid, [...(tokens.get(uid) ?? []), token].slice(-100))
    return token
  }
  const record = async (request: Request) => {
    const url = new URL(request.url)
    const text = request.method === 'GET' ? '' : await request.clone().text()
    log.push({
      method: request.method,
      path: url.pathname.replace('/v3', '') + url.search,
      body: text ? JSON.parse(text) : undefined,
    })
  }
  const handlers = [
    http.all(`${BASE}/*`, async ({ request }) => {
      await record(request)
      if (!auth(request)) return err(401, 'AUTH_ERR_APIKEY_NOT_FOUND')
      return undefined
    }),
    http.post(`${BASE}/users`, async ({ request }) => {
      const body = (await request.json()) as {
        uid: string
        name: string
        avatar?: string
        withAuthToken?: boolean
      }
      const uid = body.uid.toLowerCase()
      if (users.has(uid)) return err(409, 'ERR_UID_ALREADY_EXISTS')
      const user: StoredUser = {
        uid,
        name: body.name,
        avatar: body.avatar,
        createdAt: Math.floor(Date.now() / 1000),
      }
      users.set(uid, user)
      return HttpResponse.json({
        data: { ...user, ...(body.withAuthToken ? { authToken: mint(uid).authToken } : {}) },
      })
    }),
    http.put(`${BASE}/users`, async ({ request }) => {
      const body = (await request.json()) as { uidsToActivate: string[] }
      const nonDeactivatedUids: string[] = []
      for (const uid of body.uidsToActivate) {
        const user = users.get(uid.toLowerCase())
        if (user?.deactivatedAt !== undefined) {
          user.deactivatedAt = undefined
          nonDeactivatedUids.push(user.uid)
        }
      }
      return HttpResponse.json({ data: { nonDeactivatedUids } })
    }),
    http.get(`${BASE}/users`, ({ request }) => {
      const url = new URL(request.url)
      const perPage = Number(url.searchParams.get('perPage') ?? 100)
      const page = Number(url.searchParams.get('page') ?? 1)
      const all = [...users.values()].filter((u) => u.deactivatedAt === undefined)
      return HttpResponse.json({
        data: all.slice((page - 1) * perPage, page * perPage),
        meta: {
          pagination: {
            total: all.length,
            count: 0,
            per_page: perPage,
            current_page: page,
            total_pages: Math.max(1, Math.ceil(all.length / perPage)),
          },
        },
      })
    }),
    http.get(`${BASE}/users/:uid`, ({ params }) => {
      const user = active(String(params.uid))
      return user ? HttpResponse.json({ data: user }) : err(404, 'ERR_UID_NOT_FOUND')
    }),
    http.put(`${BASE}/users/:uid`, async ({ params, request }) => {
      const user = active(String(params.uid))
      if (!user) return err(404, 'ERR_UID_NOT_FOUND')
      const { unset = [], ...fields } = (await request.json()) as { unset?: string[] }
      Object.assign(user, fields)
      for (const field of unset) delete (user as unknown as Record<string, unknown>)[field]
      return HttpResponse.json({ data: user })
    }),
    http.delete(`${BASE}/users/:uid`, ({ params, request }) => {
      const uid = String(params.uid)
      const user = users.get(uid)
      if (!user) return err(404, 'ERR_UID_NOT_FOUND')
      if (new URL(request.url).searchParams.get('permanent') === 'true') users.delete(uid)
      else user.deactivatedAt = Math.floor(Date.now() / 1000)
      tokens.delete(uid)
      return HttpResponse.json({ data: { success: true } })
    }),
    http.post(`${BASE}/users/:uid/auth_tokens`, ({ params }) => {
      const user = active(String(params.uid))
      if (!user) return err(404, 'ERR_UID_NOT_FOUND')
      return HttpResponse.json({ data: mint(user.uid) })
    }),
    http.get(`${BASE}/users/:uid/auth_tokens`, ({ params, request }) => {
      const url = new URL(request.url)
      const perPage = Number(url.searchParams.get('perPage') ?? 100)
      const page = Number(url.searchParams.get('page') ?? 1)
      const list = tokens.get(String(params.uid)) ?? []
      return HttpResponse.json({
        data: list.slice((page - 1) * perPage, page * perPage),
        meta: {
          pagination: {
            total: list.length,
            per_page: perPage,
            current_page: page,
            total_pages: Math.max(1, Math.ceil(list.length / perPage)),
          },
        },
      })
    }),
    http.delete(`${BASE}/users/:uid/auth_tokens/:token`, ({ params }) => {
      const uid = String(params.uid)
      tokens.set(
        uid,
        (tokens.get(uid) ?? []).filter((t) => t.authToken !== params.token),
      )
      return HttpResponse.json({ data: { success: true } })
    }),
    http.delete(`${BASE}/users/:uid/auth_tokens`, ({ params }) => {
      tokens.delete(String(params.uid))
      return HttpResponse.json({ data: { success: true } })
    }),
  ]
  return { users, tokens, log, handlers, mint }
}

export const server = setupServer()

export function createTestClient(options: { retries?: number; timeoutMs?: number } = {}) {
  return createCometChatClient({
    appId: 'testapp',
    region: 'us',
    apiKey: API_KEY,
    retryDelayMs: 1,
    maxDelayMs: 20,
    ...options,
  })
}

/** The fake's state for one test: handlers, log and data, fresh in every test. */
export type FakeCometChat = ReturnType<typeof createFakeCometChat>

/**
 * Starts the msw server for this test file and gives every test a fresh in-memory CometChat.
 * The returned object always holds the current test's fake.
 */
export function installFakeCometChat(): FakeCometChat {
  const fake = {} as FakeCometChat
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => {
    Object.assign(fake, createFakeCometChat())
    server.use(...fake.handlers)
  })
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return fake
}
