import {
  type CometChatClient,
  createTokenHandler,
  isCometChatError,
  type Profile,
} from '@callsession/server'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppUser, AppUsers } from './appUsers.js'
import { createImportJobs } from './importJobs.js'

const SESSION_COOKIE = 'demo_session'
const UID = /^[a-zA-Z0-9_-]{1,100}$/

/** What the browser needs to know about the CometChat app (no secret in here). */
export interface PublicConfig {
  appId: string
  region: string
  /** The Calls API base the SDK should use (the emulator's), or undefined for CometChat's own. */
  callsHost: string | undefined
  emulator: boolean
  tokenTtlSeconds: number
}

/** Development-only controls, present only when the demo runs under `vite dev`. */
export interface DevControls {
  authKey: string | undefined
  /** Makes CometChat refuse every current token of `uid` now (the emulator's control). */
  expireTokens(uid: string): Promise<void>
}

export interface ApiOptions {
  cometchat: CometChatClient
  users: AppUsers
  config: PublicConfig
  dev?: DevControls | undefined
  /** Counts what the token endpoint served (the end-to-end tests read it). */
  stats?: { tokenRequests: number }
}

const toProfile = (user: AppUser): Profile => ({
  uid: user.id,
  name: user.name,
  ...(user.avatar ? { avatar: user.avatar } : {}),
})

/** The demo backend's `/api` routes. */
export function createApi({ cometchat, users, config, dev, stats }: ApiOptions) {
  const api = new Hono()
  const jobs = createImportJobs(cometchat)
  const tokenHandler = createTokenHandler({
    cometchat,
    ttlSeconds: config.tokenTtlSeconds,
    // The uid comes only from the app's own cookie session, never from the request body.
    authenticate: (request) => {
      const cookie = request.headers.get('cookie') ?? ''
      const sid = /(?:^|;\s*)demo_session=([^;]+)/.exec(cookie)?.[1]
      const user = users.whoIs(sid)
      return user ? toProfile(user) : null
    },
  })
  const me = (c: Context) => users.whoIs(getCookie(c, SESSION_COOKIE))

  api.use(bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(err('TOO_LARGE'), 413) }))
  api.get('/config', (c) => c.json(config))
  api.get('/users', (c) => c.json(users.list()))
  // Signed out is a normal answer here (200 null), not a 401: a signed-out page load logs no error.
  api.get('/session', (c) => c.json(me(c) ?? null))
  api.post('/session', async (c) => {
    const body = await c.req.json<{ id?: unknown; name?: unknown }>().catch(() => null)
    const id = typeof body?.id === 'string' ? body.id.trim().toLowerCase() : ''
    if (!UID.test(id))
      return c.json(err('INVALID_UID', 'letters, digits, _ and -; at most 100'), 400)
    let user = users.get(id)
    if (!user) {
      const name = typeof body?.name === 'string' && body.name.trim() ? body.name.trim() : id
      user = users.put({ id, name: name.slice(0, 100) })
    }
    setCookie(c, SESSION_COOKIE, users.signIn(user.id), {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
    })
    return c.json(user)
  })
  api.delete('/session', (c) => {
    const sid = getCookie(c, SESSION_COOKIE)
    if (sid) users.signOut(sid)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })
  api.post('/cometchat/token', async (c) => {
    if (stats) stats.tokenRequests++
    return tokenHandler(c.req.raw)
  })
  api.put('/profile', async (c) => {
    const user = me(c)
    if (!user) return c.json(err('UNAUTHORIZED'), 401)
    const body = await c.req.json<{ name?: unknown; avatar?: unknown }>().catch(() => null)
    const name = typeof body?.name === 'string' ? body.name.trim() : ''
    const avatar = typeof body?.avatar === 'string' ? body.avatar.trim() : ''
    if (!name || name.length > 100) return c.json(err('INVALID_NAME', '1 to 100 characters'), 400)
    if (avatar && !/^https?:\/\/\S{1,2990}$/.test(avatar)) {
      return c.json(err('INVALID_AVATAR', 'an http(s) URL'), 400)
    }
    try {
      await cometchat.users.update(user.id, { name, ...(avatar ? { avatar } : {}) })
    } catch (error) {
      // Not in CometChat yet (never signed in to calls): the next token request creates it.
      if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) return c.json(apiError(error), 502)
    }
    return c.json(users.put({ id: user.id, name, ...(avatar ? { avatar } : {}) }))
  })
  api.delete('/account', async (c) => {
    const user = me(c)
    if (!user) return c.json(err('UNAUTHORIZED'), 401)
    const permanent = c.req.query('permanent') === 'true'
    try {
      await cometchat.users.delete(user.id, { permanent })
    } catch (error) {
      if (!isCometChatError(error, 'ERR_UID_NOT_FOUND')) return c.json(apiError(error), 502)
    }
    users.remove(user.id)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ deleted: user.id, permanent })
  })
  api.post('/admin/import', async (c) => {
    if (!me(c)) return c.json(err('UNAUTHORIZED'), 401)
    const body = await c.req
      .json<{ text?: unknown; format?: unknown; dryRun?: unknown }>()
      .catch(() => null)
    const format = body?.format === 'json' ? 'json' : 'csv'
    if (typeof body?.text !== 'string') return c.json(err('INVALID_FILE', 'no file content'), 400)
    try {
      return c.json(jobs.start(body.text, format, body.dryRun === true), 202)
    } catch (error) {
      return c.json(err('INVALID_FILE', error instanceof Error ? error.message : 'unreadable'), 400)
    }
  })
  api.get('/admin/import/:id', (c) => {
    const job = jobs.get(c.req.param('id'))
    return job ? c.json(job) : c.json(err('NOT_FOUND'), 404)
  })
  if (dev) {
    // Development only: never registered in production.
    api.get('/dev/auth-key', (c) => c.json({ authKey: dev.authKey ?? null }))
    // Lets the Auth-Key panel refuse an unknown uid before it signs the current session out.
    api.get('/dev/cometchat-users/:uid', async (c) => {
      if (!me(c)) return c.json(err('UNAUTHORIZED'), 401)
      const uid = c.req.param('uid')
      if (!UID.test(uid)) return c.json({ exists: false, active: false })
      try {
        const user = await cometchat.users.get(uid.toLowerCase())
        return c.json({ exists: true, active: !user.deactivatedAt })
      } catch (error) {
        if (isCometChatError(error, 'ERR_UID_NOT_FOUND'))
          return c.json({ exists: false, active: false })
        return c.json(apiError(error), 502)
      }
    })
    api.post('/dev/expire-token', async (c) => {
      const user = me(c)
      if (!user) return c.json(err('UNAUTHORIZED'), 401)
      await dev.expireTokens(user.id)
      return c.body(null, 204)
    })
  }
  api.all('*', (c) => c.json(err('NOT_FOUND'), 404))
  return api
}

function err(code: string, message = code.toLowerCase().replaceAll('_', ' ')) {
  return { error: { code, message } }
}

function apiError(error: unknown) {
  return err(
    'COMETCHAT_ERROR',
    isCometChatError(error) ? `CometChat answered ${error.code}` : 'CometChat failed',
  )
}
