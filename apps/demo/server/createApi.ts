import {
  type CometChatClient,
  createTokenHandler,
  ImportFileError,
  isCometChatError,
  type Profile,
} from '@callsession/server'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppUser, AppUsers } from './appUsers.js'
import { createImportJobs, ImportBusyError, type ImportJobsOptions } from './importJobs.js'
import {
  isAllowedHost,
  jsonBodyOnly,
  type ProxyTrust,
  requestProtocol,
  sameOriginOnly,
} from './requestGuards.js'

const SESSION_COOKIE = 'demo_session'
const UID = /^[a-zA-Z0-9_-]{1,100}$/

/** What the browser needs to know about the CometChat app (no secret in here). */
export interface PublicConfig {
  appId: string
  region: string
  /** The Calls API base the SDK should use (the emulator's), or undefined for CometChat's own. */
  callsHost: string | undefined
  /** The admin API base of the development Auth-Key step (the emulator's), or undefined. */
  adminHost: string | undefined
  emulator: boolean
  tokenTtlSeconds: number
}

/** Development-only controls, present only when the demo runs under `vite dev`. */
export interface DevControls {
  authKey: string | undefined
  /** Hostnames the dev routes answer to (DNS rebinding: a page of evil.example must not get the key). */
  allowedHosts: readonly string[]
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
  /** Behind a TLS proxy: believe its `X-Forwarded-Proto` (the cookie is then `Secure`). */
  trustProxy?: boolean
  /** The import jobs' limits (rate for all imports together, expiry). */
  imports?: Omit<ImportJobsOptions, 'cometchat'>
}

const toProfile = (user: AppUser): Profile => ({
  uid: user.id,
  name: user.name,
  ...(user.avatar ? { avatar: user.avatar } : {}),
})

/** The demo backend's `/api` routes. */
export function createApi(options: ApiOptions) {
  const { cometchat, users, config, dev, stats } = options
  const trust: ProxyTrust = { trustProxy: options.trustProxy === true }
  const api = new Hono()
  const jobs = createImportJobs({ cometchat, ...options.imports })
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

  const admin = (c: Context) => {
    const user = me(c)
    if (!user) return { refusal: c.json(err('UNAUTHORIZED'), 401) }
    if (user.role !== 'admin')
      return { refusal: c.json(err('FORBIDDEN', 'only an admin may import users'), 403) }
    return { user }
  }

  api.use(bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(err('TOO_LARGE'), 413) }))
  api.use(sameOriginOnly(trust))
  for (const path of ['/session', '/profile', '/admin/import'])
    api.on(['POST', 'PUT'], path, jsonBodyOnly)
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
      maxAge: users.sessionMaxAgeSeconds,
      // Behind a TLS proxy the socket is plain HTTP: only a trusted X-Forwarded-Proto tells.
      secure: requestProtocol(c.req.raw, trust) === 'https',
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
    const { refusal } = admin(c)
    if (refusal) return refusal
    const body = await c.req
      .json<{ text?: unknown; format?: unknown; dryRun?: unknown }>()
      .catch(() => null)
    const format = body?.format ?? 'csv'
    if (format !== 'csv' && format !== 'json')
      return c.json(err('INVALID_FORMAT', 'format is "csv" or "json"'), 400)
    if (typeof body?.text !== 'string') return c.json(err('INVALID_FILE', 'no file content'), 400)
    try {
      return c.json(jobs.start(body.text, format, body.dryRun === true), 202)
    } catch (error) {
      if (error instanceof ImportBusyError) {
        c.header('retry-after', '5')
        return c.json(err(error.code, error.message), 429)
      }
      if (!(error instanceof ImportFileError)) throw error
      // `code` stays INVALID_FILE for older pages; `reason`, `line` and `element` say what and where.
      return c.json(
        {
          error: {
            code: 'INVALID_FILE',
            message: error.message,
            reason: error.code,
            ...(error.line !== undefined ? { line: error.line } : {}),
            ...(error.element !== undefined ? { element: error.element } : {}),
          },
        },
        400,
      )
    }
  })
  api.get('/admin/import/:id', (c) => {
    const { refusal } = admin(c)
    if (refusal) return refusal
    const job = jobs.get(c.req.param('id'))
    return job ? c.json(job) : c.json(err('NOT_FOUND'), 404)
  })
  if (dev) {
    // Development only: never registered in production, and only for a signed-in user on an
    // allowed Host (a DNS-rebinding page must not read the Auth Key).
    api.use('/dev/*', async (c, next) => {
      if (!isAllowedHost(c.req.header('host'), dev.allowedHosts))
        return c.json(err('FORBIDDEN_HOST', 'this host is not allowed'), 403)
      if (!me(c)) return c.json(err('UNAUTHORIZED'), 401)
      return next()
    })
    api.get('/dev/auth-key', (c) => c.json({ authKey: dev.authKey ?? null }))
    // Lets the Auth-Key panel refuse an unknown uid before it signs the current session out.
    api.get('/dev/cometchat-users/:uid', async (c) => {
      if (!me(c)) return c.json(err('UNAUTHORIZED'), 401)
      const uid = c.req.param('uid')
      if (!UID.test(uid)) return c.json({ exists: false, active: false })
      try {
        const user = await cometchat.users.get(uid.toLowerCase())
        // CometChat answers ERR_UID_NOT_FOUND for a deactivated user too: found means active.
        return c.json({ exists: true, active: user.uid === uid.toLowerCase() })
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
