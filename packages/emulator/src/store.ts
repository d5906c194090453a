import { randomBytes } from 'node:crypto'
import type { Snapshot, StoredToken, StoredUser } from './types.js'

/** The sample users every CometChat app comes with. */
export const SAMPLE_UIDS = [1, 2, 3, 4, 5].map((n) => `cometchat-uid-${n}`)

/**
 * The emulator's whole state: users, auth tokens and the token lifetime. Every mutation calls
 * `onChange` (persistence hooks in there). Time comes from `now()` (ms) so tests can move it.
 */
export function createStore({
  now,
  tokenTtlSeconds,
  onChange = () => {},
}: {
  now: () => number
  tokenTtlSeconds?: number | undefined
  onChange?: () => void
}) {
  const users = new Map<string, StoredUser>()
  const tokens = new Map<string, StoredToken>()
  let ttl: number | null = tokenTtlSeconds ?? null
  const seconds = () => Math.floor(now() / 1000)

  const store = {
    seconds,
    get tokenTtlSeconds() {
      return ttl
    },
    setTokenTtl(value: number | null) {
      ttl = value
      onChange()
    },
    getUser: (uid: string) => users.get(uid.toLowerCase()),
    listUsers: (deactivated: boolean) =>
      [...users.values()].filter((u) => (u.deactivatedAt !== undefined) === deactivated),
    putUser(user: StoredUser) {
      users.set(user.uid, user)
      onChange()
      return user
    },
    /** Deactivates (soft) or removes (permanent) a user; permanent also drops their tokens. */
    deleteUser(uid: string, permanent: boolean) {
      const user = users.get(uid)
      if (!user) return
      if (permanent) {
        users.delete(uid)
        for (const [key, token] of tokens) if (token.uid === uid) tokens.delete(key)
      } else {
        users.set(uid, { ...user, deactivatedAt: seconds() })
      }
      onChange()
    },
    restoreUser(uid: string) {
      const user = users.get(uid)
      if (!user?.deactivatedAt) return false
      const { deactivatedAt: _, ...active } = user
      users.set(uid, active)
      onChange()
      return true
    },
    mintToken(uid: string): StoredToken {
      const createdAt = seconds()
      const token = {
        uid,
        authToken: `${uid}_${createdAt}${randomBytes(16).toString('hex')}`,
        createdAt,
      }
      tokens.set(token.authToken, token)
      onChange()
      return token
    },
    tokensOf: (uid: string) => [...tokens.values()].filter((t) => t.uid === uid),
    getToken: (authToken: string) => tokens.get(authToken),
    deleteToken(authToken: string) {
      const deleted = tokens.delete(authToken)
      if (deleted) onChange()
      return deleted
    },
    deleteTokensOf(uid: string) {
      for (const [key, token] of tokens) if (token.uid === uid) tokens.delete(key)
      onChange()
    },
    /** Marks every token of `uid` as issued long ago: with a lifetime set, they are now expired. */
    expireTokensOf(uid: string) {
      for (const token of tokens.values()) if (token.uid === uid) token.createdAt = 0
      onChange()
    },
    /**
     * Whether CometChat would accept `authToken` now: it exists, its user exists and is active, and
     * it is younger than the lifetime (when one is set; CometChat's own tokens never expire, the
     * lifetime is the emulator's way to make an app's expiry policy real). An expired token
     * (`expireTokensOf`) is refused even without a lifetime.
     */
    validToken(authToken: string | undefined): StoredToken | undefined {
      const token = authToken === undefined ? undefined : tokens.get(authToken)
      if (!token) return undefined
      const user = users.get(token.uid)
      if (!user || user.deactivatedAt !== undefined) return undefined
      if (token.createdAt === 0) return undefined
      if (ttl !== null && seconds() - token.createdAt >= ttl) return undefined
      return token
    },
    seedSampleUsers() {
      for (const [i, uid] of SAMPLE_UIDS.entries()) {
        if (!users.has(uid)) {
          users.set(uid, {
            uid,
            name:
              ['Andrew Joseph', 'George Alan', 'Nancy Grace', 'Susan Marie', 'John Paul'][i] ?? uid,
            avatar: `https://data-us.cometchat.io/assets/images/avatars/${uid}.webp`,
            role: 'default',
            status: 'offline',
            createdAt: seconds(),
          })
        }
      }
      onChange()
    },
    reset() {
      users.clear()
      tokens.clear()
      store.seedSampleUsers()
    },
    snapshot: (): Snapshot => ({
      users: [...users.values()],
      tokens: [...tokens.values()],
      tokenTtlSeconds: ttl,
    }),
    load(snapshot: Snapshot) {
      users.clear()
      tokens.clear()
      for (const user of snapshot.users) users.set(user.uid, user)
      for (const token of snapshot.tokens) tokens.set(token.authToken, token)
      ttl = snapshot.tokenTtlSeconds
    },
  }
  return store
}

export type Store = ReturnType<typeof createStore>
