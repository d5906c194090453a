import { Hono } from 'hono'
import { fail, page } from '../envelope.js'
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

/** REST v3 users: create (one or an array), get, list, update, delete (soft/permanent), restore. */
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
            ? { uid, success: true, user: outcome.user }
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
      ? c.json({ data: outcome.user })
      : fail(c, outcome.status, outcome.code, outcome.message, outcome.details)
  })

  app.get('/', (c) => {
    const deactivated = c.req.query('onlyDeactivated') === 'true'
    const search = c.req.query('searchKey')?.toLowerCase()
    const users = store
      .listUsers(deactivated)
      .filter((u) => !search || u.uid.includes(search) || u.name.toLowerCase().includes(search))
      .sort((a, b) => a.createdAt - b.createdAt || a.uid.localeCompare(b.uid))
    return page(c, users)
  })

  // Restore soft-deleted users (CometChat's reactivate): `{ uidsToActivate: [...] }`.
  app.put('/', async (c) => {
    const body = await c.req.json<{ uidsToActivate?: unknown }>().catch(() => undefined)
    const uids = body?.uidsToActivate
    if (!Array.isArray(uids) || uids.length === 0 || uids.some((u) => typeof u !== 'string')) {
      return fail(c, 400, 'ERR_BAD_REQUEST', 'uidsToActivate must be a non-empty array of uids.')
    }
    const data: Record<string, { success: boolean; message: string }> = {}
    for (const uid of uids as string[]) {
      const key = uid.toLowerCase()
      const restored = store.restoreUser(key)
      data[key] = restored
        ? { success: true, message: `The user ${key} has been reactivated.` }
        : {
            success: false,
            message: store.getUser(key) ? 'The user is active.' : 'The user does not exist.',
          }
    }
    return c.json({ data })
  })

  app.get('/:uid', (c) => {
    const user = store.getUser(c.req.param('uid'))
    return user ? c.json({ data: user }) : notFound(c, c.req.param('uid'))
  })

  app.put('/:uid', async (c) => {
    const user = store.getUser(c.req.param('uid'))
    if (!user) return notFound(c, c.req.param('uid'))
    const result = validateUser(await c.req.json().catch(() => undefined), false)
    if (!result.ok) return fail(c, 400, 'ERR_BAD_REQUEST', 'Invalid user.', result.errors)
    return c.json({
      data: store.putUser({ ...user, ...result.fields, updatedAt: store.seconds() }),
    })
  })

  app.delete('/:uid', async (c) => {
    const user = store.getUser(c.req.param('uid'))
    if (!user) return notFound(c, c.req.param('uid'))
    const body = await c.req.json<{ permanent?: unknown }>().catch(() => undefined)
    const permanent = c.req.query('permanent') === 'true' || body?.permanent === true
    store.deleteUser(user.uid, permanent)
    return c.json({
      data: { success: true, message: `The user ${user.uid} has been deleted successfully.` },
    })
  })

  return app
}

export const notFound = (c: Parameters<typeof fail>[0], uid: string) =>
  fail(c, 404, 'ERR_UID_NOT_FOUND', `The uid ${uid.toLowerCase()} does not exist.`)
