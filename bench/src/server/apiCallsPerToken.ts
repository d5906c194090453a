import {
  type CometChatClient,
  createTokenHandler,
  ensureUser,
  type Profile,
} from '@callsession/server'
import { countRequests } from './countRequests.js'

/** CometChat REST requests it took to issue tokens: a new user's first, and an existing user's. */
export interface CallsPerToken {
  /** The first token of a user CometChat does not know yet. */
  newUser: number
  /** Average over the next `REPEAT` tokens of that (now existing) user. */
  existingUser: number
}

const REPEAT = 10

/** The seed's just-in-time provisioning: try to get a token; on any error create, then retry. */
async function seedPattern(cometchat: CometChatClient, user: Profile) {
  try {
    return await cometchat.authTokens.create(user.uid)
  } catch {
    await cometchat.users.create(user)
    return await cometchat.authTokens.create(user.uid)
  }
}

/** Counts REST requests per issued token for each way of issuing one. */
export async function apiCallsPerToken(
  emulator: Parameters<typeof countRequests>[0],
  cometchat: CometChatClient,
): Promise<Record<'seed' | 'ensureUser' | 'handler', CallsPerToken>> {
  let next = 0
  const measure = async (issue: (user: Profile) => Promise<unknown>): Promise<CallsPerToken> => {
    const user = { uid: `bench-user-${next++}`, name: 'Bench User' }
    const first = await countRequests(emulator, () => issue(user))
    const again = await countRequests(emulator, async () => {
      for (let i = 0; i < REPEAT; i++) await issue(user)
    })
    return { newUser: first.requests.length, existingUser: again.requests.length / REPEAT }
  }
  // One handler for its whole run, as in an app (its token pruning is throttled per uid).
  let current: Profile = { uid: 'nobody', name: 'Nobody' }
  let pruned: Promise<void> = Promise.resolve()
  let donePruning = () => {}
  const handle = createTokenHandler({
    cometchat,
    authenticate: () => current,
    ttlSeconds: 3600,
    onPruned: () => donePruning(),
  })
  return {
    seed: await measure((user) => seedPattern(cometchat, user)),
    ensureUser: await measure(async (user) => {
      await ensureUser(cometchat, user)
      return cometchat.authTokens.create(user.uid)
    }),
    handler: await measure(async (user) => {
      current = user
      pruned = new Promise((resolve) => {
        donePruning = resolve
      })
      const response = await handle(
        new Request('http://app.local/api/cometchat/token', { method: 'POST', body: '{}' }),
      )
      if (!response.ok) throw new Error(`token handler answered ${response.status}`)
      // Count the background pruning too, when it runs (at most once per interval per uid).
      await Promise.race([pruned, new Promise((resolve) => setTimeout(resolve, 50))])
      return response.json()
    }),
  }
}
