import { randomBytes } from 'node:crypto'

/** A user of the demo app itself (the app's own accounts, not CometChat's). */
export interface AppUser {
  id: string
  name: string
  avatar?: string
  /** `admin` may run batch imports. */
  role?: 'admin' | 'user'
}

/** How long a session lives. */
export interface SessionPolicy {
  /** Ends a session unused for this long (default 2 hours). */
  idleMs?: number
  /** Ends every session this long after sign-in, used or not (default 12 hours). */
  absoluteMs?: number
  /** At most this many live sessions; the oldest go first (default 10,000). */
  maxSessions?: number
  now?: () => number
}

interface Session {
  uid: string
  createdAt: number
  lastSeenAt: number
}

/**
 * The demo app's own user directory and sign-in sessions, in memory. A session is an opaque random
 * id in an httpOnly cookie mapped here to the app user: that identity is what the token endpoint
 * trusts. It never holds a CometChat token. Sessions expire (idle and absolute), and their number
 * is capped, so a flood of sign-ins cannot grow the map without end.
 */
export function createAppUsers(seed: AppUser[], policy: SessionPolicy = {}) {
  const idleMs = policy.idleMs ?? 2 * 60 * 60 * 1000
  const absoluteMs = policy.absoluteMs ?? 12 * 60 * 60 * 1000
  const maxSessions = policy.maxSessions ?? 10_000
  const now = policy.now ?? Date.now
  const users = new Map(seed.map((user) => [user.id, user]))
  const sessions = new Map<string, Session>()
  const expired = (s: Session, at: number) =>
    at - s.lastSeenAt >= idleMs || at - s.createdAt >= absoluteMs
  return {
    /** The session cookie's Max-Age, in seconds. */
    sessionMaxAgeSeconds: Math.floor(absoluteMs / 1000),
    list: () => [...users.values()],
    get: (id: string) => users.get(id),
    put(user: AppUser) {
      users.set(user.id, user)
      return user
    },
    remove(id: string) {
      users.delete(id)
      for (const [sid, s] of sessions) if (s.uid === id) sessions.delete(sid)
    },
    signIn(id: string): string {
      const at = now()
      for (const [sid, s] of sessions) if (expired(s, at)) sessions.delete(sid)
      // Maps iterate in insertion order: the first key is the oldest session.
      while (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value as string)
      const sid = randomBytes(32).toString('base64url')
      sessions.set(sid, { uid: id, createdAt: at, lastSeenAt: at })
      return sid
    },
    signOut: (sid: string) => sessions.delete(sid),
    /** The signed-in app user of a live session id, if any (using it keeps it alive). */
    whoIs(sid: string | undefined): AppUser | undefined {
      const session = sid === undefined ? undefined : sessions.get(sid)
      if (!session || sid === undefined) return undefined
      const at = now()
      if (expired(session, at)) {
        sessions.delete(sid)
        return undefined
      }
      session.lastSeenAt = at
      return users.get(session.uid)
    },
    /** Live sessions (tests and the flood cap). */
    get sessionCount() {
      return sessions.size
    },
  }
}

export type AppUsers = ReturnType<typeof createAppUsers>
