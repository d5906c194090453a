import { randomBytes } from 'node:crypto'

/** A user of the demo app itself (the app's own accounts, not CometChat's). */
export interface AppUser {
  id: string
  name: string
  avatar?: string
}

/**
 * The demo app's own user directory and sign-in sessions, in memory. A session is an opaque random
 * id in an httpOnly cookie mapped here to the app user: that identity is what the token endpoint
 * trusts. It never holds a CometChat token.
 */
export function createAppUsers(seed: AppUser[]) {
  const users = new Map(seed.map((user) => [user.id, user]))
  const sessions = new Map<string, string>()
  return {
    list: () => [...users.values()],
    get: (id: string) => users.get(id),
    put(user: AppUser) {
      users.set(user.id, user)
      return user
    },
    remove(id: string) {
      users.delete(id)
      for (const [sid, uid] of sessions) if (uid === id) sessions.delete(sid)
    },
    signIn(id: string): string {
      const sid = randomBytes(32).toString('base64url')
      sessions.set(sid, id)
      return sid
    },
    signOut: (sid: string) => sessions.delete(sid),
    /** The signed-in app user of a session id, if any. */
    whoIs(sid: string | undefined): AppUser | undefined {
      const id = sid === undefined ? undefined : sessions.get(sid)
      return id === undefined ? undefined : users.get(id)
    },
  }
}

export type AppUsers = ReturnType<typeof createAppUsers>
