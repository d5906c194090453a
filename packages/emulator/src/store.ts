import { randomBytes } from 'node:crypto'
import type { Snapshot, StoredToken, StoredUser } from './types.js'

/** The sample users every CometChat app comes with. */
export const SAMPLE_UIDS = [1, 2, 3, 4, 5].map((n) => `cometchat-uid-${n}`)

/** CometChat keeps at most this many active tokens per user; minting one more drops the oldest (documented). */
export const MAX_TOKENS_PER_USER = 100

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
  // Per-user index in mint order (Sets keep insertion order): the 100-token cap needs the oldest fast.
  const byUser = new Map<string, Set<string>>()
  const addToken = (token: StoredToken) => {
    tokens.set(token.authToken, token)
    let mine = byUser.get(token.uid)
    if (!mine) {
      mine = new Set()
      byUser.set(token.uid, mine)
    }
    mine.add(token.authToken)
  }
  const removeToken = (authToken: string) => {
    const token = tokens.get(authToken)
    if (!token) return false
    tokens.delete(authToken)
    const mine = byUser.get(token.uid)
    mine?.delete(authToken)
    if (mine?.size === 0) byUser.delete(token.uid)
    return true
  }
  const removeTokensOf = (uid: string) => {
    for (const authToken of byUser.get(uid) ?? []) tokens.delete(authToken)
    byUser.delete(uid)
  }
  const clearTokens = () => {
    tokens.clear()
    byUser.clear()
  }
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
    /** The user, active or deactivated (the REST routes show only active ones: `activeUser`). */
    getUser: (uid: string) => users.get(uid.toLowerCase()),
    /** The user when it exists and is not deactivated: what CometChat's REST API can see. */
    activeUser(uid: string): StoredUser | undefined {
      const user = users.get(uid.toLowerCase())
      return user && user.deactivatedAt === undefined ? user : undefined
    },
    /** Whether `uid` exists and is not deactivated. */
    isActive: (uid: string) => store.activeUser(uid) !== undefined,
    /** Active users, plus deactivated ones when `withDeactivated`. */
    listUsers: (withDeactivated: boolean) =>
      [...users.values()].filter((u) => withDeactivated || u.deactivatedAt === undefined),
    putUser(user: StoredUser) {
      users.set(user.uid, user)
      onChange()
      return user
    },
    /** Deactivates (soft) or removes (permanent) a user; permanent also drops their tokens. */
    deleteUser(uid: string, permanent: boolean) {
      const user = users.get(uid)
      if (!user) return
      if (!permanent && user.deactivatedAt !== undefined) return
      if (permanent) {
        users.delete(uid)
        removeTokensOf(uid)
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
    /** Mints a new token; past MAX_TOKENS_PER_USER the user's oldest token is dropped. */
    mintToken(uid: string): StoredToken {
      const createdAt = seconds()
      const token = {
        uid,
        authToken: `${uid}_${createdAt}${randomBytes(16).toString('hex')}`,
        createdAt,
      }
      addToken(token)
      const mine = byUser.get(uid)
      while (mine && mine.size > MAX_TOKENS_PER_USER) {
        const oldest = mine.values().next().value
        if (oldest === undefined) break
        removeToken(oldest)
      }
      onChange()
      return token
    },
    /** The user's newest token still usable, if any (what a mint without `force` may hand back). */
    latestToken(uid: string): StoredToken | undefined {
      return store
        .tokensOf(uid)
        .filter((t) => store.validToken(t.authToken))
        .at(-1)
    },
    /** The user's tokens, oldest first. */
    tokensOf: (uid: string): StoredToken[] =>
      [...(byUser.get(uid) ?? [])].flatMap((authToken) => tokens.get(authToken) ?? []),
    getToken: (authToken: string) => tokens.get(authToken),
    deleteToken(authToken: string) {
      const deleted = removeToken(authToken)
      if (deleted) onChange()
      return deleted
    },
    deleteTokensOf(uid: string) {
      removeTokensOf(uid)
      onChange()
    },
    /** Marks every token of `uid` as issued long ago: with a lifetime set, they are now expired. */
    expireTokensOf(uid: string) {
      for (const token of store.tokensOf(uid)) token.createdAt = 0
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
      clearTokens()
      store.seedSampleUsers()
    },
    snapshot: (): Snapshot => ({
      users: [...users.values()],
      tokens: [...tokens.values()],
      tokenTtlSeconds: ttl,
    }),
    load(snapshot: Snapshot) {
      users.clear()
      clearTokens()
      for (const user of snapshot.users) users.set(user.uid, user)
      for (const token of snapshot.tokens) addToken(token)
      ttl = snapshot.tokenTtlSeconds
    },
  }
  return store
}

export type Store = ReturnType<typeof createStore>
