import type { Context } from 'hono'
import { Hono } from 'hono'
import { fail } from '../envelope.js'
import type { Store } from '../store.js'
import type { StoredUser } from '../types.js'
import { validateUser } from '../validation.js'

type CreateOutcome =
  | { ok: true; user: StoredUser & { authToken?: string } }
  | {
      ok: false
      status: 400 | 409
      code: string
      message: string
      details?: Record<string, string[]>
    }

/** CometChat's largest `perPage` for lists. */
export const MAX_PER_PAGE = 1000

/**
 * A user as the REST API shows it: the emulator's own bookkeeping (`deactivatedAt`) never leaves,
 * since CometChat documents no such field; tags only when asked for (`withTags`) in lists.
 */
export function toRestUser(user: StoredUser, withTags = true) {
  const { deactivatedAt: _, tags, ...rest } = user
  return withTags && tags !== undefined ? { ...rest, tags } : rest
}

/**
 * REST v3 users: create (one or an array), get, list, update (with `unset`), delete (deactivate or
 * permanent), bulk deactivate, reactivate. A deactivated user behaves as not found everywhere but
 * in create (ERR_UID_ALREADY_EXISTS), reactivate and permanent delete, as CometChat's error guide says.
 */
export function usersRoutes(store: Store) {
  const app = new Hono()

  /** Creates one user: the user (with a token if asked) or the error to answer. */
  function createOne(body: unknown): CreateOutcome {
    const result = validateUser(body, true)
    if (!result.ok) {
      return {
        ok: false,
        status: 400,
        code: 'ERR_BAD_REQUEST',
        message: 'Invalid user.',
        details: result.errors,
      }
    }
    // A deactivated uid is taken too: this is how a caller tells "deactivated" from "missing".
    if (store.getUser(result.uid)) {
      return {
        ok: false,
        status: 409,
        code: 'ERR_UID_ALREADY_EXISTS',
        message: `The uid ${result.uid} already exists. Please use a different uid.`,
      }
    }
    const user = store.putUser({
      ...result.fields,
      uid: result.uid,
      name: result.fields.name ?? result.uid,
      role: result.fields.role ?? 'default',
      status: 'offline',
      createdAt: store.seconds(),
    })
    const withToken = (body as { withAuthToken?: unknown }).withAuthToken === true
    return {
      ok: true,
      user: withToken ? { ...user, authToken: store.mintToken(user.uid).authToken } : user,
    }
  }

  app.post('/', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined)
    if (Array.isArray(body)) {
      // The seed's batch form (not in the REST reference): one outcome per user, in order.
      if (body.length > 100)
        return fail(c, 400, 'ERR_BAD_REQUEST', 'At most 100 users per request.')
      return c.json({
        data: body.map((item) => {
          const outcome = createOne(item)
          const uid = typeof item?.uid === 'string' ? item.uid.toLowerCase() : null
          return outcome.ok
            ? { uid, success: true, user: toRestUser(outcome.user) }
            : {
                uid,
                success: false,
                error: {
                  code: outcome.code,
                  message: outcome.message,
                  ...(outcome.details ? { details: outcome.details } : {}),
                },
              }
        }),
      })
    }
    const outcome = createOne(body)
    return outcome.ok
      ? c.json({ data: toRestUser(outcome.user) })
      : fail(c, outcome.status, outcome.code, outcome.message, outcome.details)
  })

  app.get('/', (c) => listUsers(c, store))

  // Reactivate: `{ uidsToActivate: [...] }` → `{ data: { nonDeactivatedUids } }`, the uids that
  // this call reactivated (the docs call the answer "re-activated users"; see the README).
  app.put('/', async (c) => {
    const body = await c.req.json<{ uidsToActivate?: unknown }>().catch(() => undefined)
    const uids = body?.uidsToActivate
    if (!Array.isArray(uids) || uids.length === 0 || uids.some((u) => typeof u !== 'string')) {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'uidsToActivate must be a non-empty array of uids.')
    }
    const nonDeactivatedUids = (uids as string[])
      .map((uid) => uid.toLowerCase())
      .filter((uid) => store.restoreUser(uid))
    return c.json({ data: { nonDeactivatedUids } })
  })

  // Bulk deactivate: `DELETE /users { uidsToDeactivate: [...] }`.
  app.delete('/', async (c) => {
    const body = await c.req.json<{ uidsToDeactivate?: unknown }>().catch(() => undefined)
    const uids = body?.uidsToDeactivate
    if (!Array.isArray(uids) || uids.length === 0 || uids.some((u) => typeof u !== 'string')) {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'uidsToDeactivate must be a non-empty array of uids.')
    }
    let count = 0
    for (const uid of uids as string[]) {
      const user = store.activeUser(uid)
      if (!user) continue
      store.deleteUser(user.uid, false)
      count += 1
    }
    return c.json({ data: { success: true, message: `${count} user(s) deactivated.` } })
  })

  app.get('/:uid', (c) => {
    const user = store.activeUser(c.req.param('uid'))
    return user ? c.json({ data: toRestUser(user) }) : notFound(c, c.req.param('uid'))
  })

  app.put('/:uid', async (c) => {
    const user = store.activeUser(c.req.param('uid'))
    if (!user) return notFound(c, c.req.param('uid'))
    const result = validateUser(await c.req.json().catch(() => undefined), false)
    if (!result.ok) return fail(c, 400, 'ERR_BAD_REQUEST', 'Invalid user.', result.errors)
    const next: StoredUser = { ...user, ...result.fields, updatedAt: store.seconds() }
    for (const field of result.unset) delete next[field]
    return c.json({ data: toRestUser(store.putUser(next)) })
  })

  app.delete('/:uid', async (c) => {
    const body = await c.req.json<{ permanent?: unknown }>().catch(() => undefined)
    const permanent = c.req.query('permanent') === 'true' || body?.permanent === true
    // Permanent delete also reaches a deactivated user, or it could never be removed for good.
    const user = permanent
      ? store.getUser(c.req.param('uid'))
      : store.activeUser(c.req.param('uid'))
    if (!user) return notFound(c, c.req.param('uid'))
    store.deleteUser(user.uid, permanent)
    return c.json({
      data: { success: true, message: `The user ${user.uid} has been deleted successfully.` },
    })
  })

  return app
}

/**
 * `GET /users`: `searchKey` (prefix of the fields in `searchIn`, default uid and name), `status`,
 * `withTags`, `withDeactivated`, `perPage` (≤ 1000), `page`, and the cursor (`updatedAt` + `affix`:
 * `append` = changed after, `prepend` = changed before). `meta.cursor` points after the last user.
 */
function listUsers(c: Context, store: Store): Response {
  const query = (name: string) => c.req.query(name)
  const search = query('searchKey')?.toLowerCase()
  const searchIn = (c.req.queries('searchIn') ?? ['uid,name'])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
  const status = query('status')
  const since = query('updatedAt') === undefined ? undefined : Number(query('updatedAt'))
  const affix = query('affix') === 'prepend' ? 'prepend' : 'append'
  const changedAt = (u: StoredUser) => u.updatedAt ?? u.createdAt
  const users = store
    .listUsers(query('withDeactivated') === 'true')
    .filter(
      (u) =>
        !search ||
        (searchIn.includes('uid') && u.uid.startsWith(search)) ||
        (searchIn.includes('name') && u.name.toLowerCase().startsWith(search)),
    )
    .filter((u) => !status || u.status === status)
    .filter(
      (u) =>
        since === undefined ||
        !Number.isFinite(since) ||
        (affix === 'append' ? changedAt(u) > since : changedAt(u) < since),
    )
    .sort((a, b) => a.createdAt - b.createdAt || a.uid.localeCompare(b.uid))
  const perPage = clamp(Number(query('perPage') ?? 100), 1, MAX_PER_PAGE, 100)
  const current = clamp(Number(query('page') ?? 1), 1, Number.MAX_SAFE_INTEGER, 1)
  const items = users.slice((current - 1) * perPage, current * perPage)
  const withTags = query('withTags') === 'true'
  const total = users.length
  return c.json({
    data: items.map((u) => toRestUser(u, withTags)),
    meta: {
      pagination: {
        total,
        count: items.length,
        per_page: perPage,
        current_page: current,
        total_pages: Math.max(1, Math.ceil(total / perPage)),
      },
      cursor: {
        updatedAt: items.reduce((max, u) => Math.max(max, changedAt(u)), since ?? 0),
        affix: 'append',
      },
    },
  })
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback
}

export const notFound = (c: Parameters<typeof fail>[0], uid: string) =>
  fail(c, 404, 'ERR_UID_NOT_FOUND', `The uid ${uid.toLowerCase()} does not exist.`)
