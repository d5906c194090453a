import { type createCometChatClient, createTokenHandler, ensureUser } from '@callsession/server'
import { countRequests } from './countRequests.js'

type CometChat = ReturnType<typeof createCometChatClient>

/** CometChat REST requests it took to issue one auth token. */
export interface CallsPerToken {
  existingUser: number
  newUser: number
}

/** The seed's just-in-time provisioning: try to get a token; on any error create, then retry. */
async function seedEnsureUserExists(cometchat: CometChat, user: { uid: string; name: string }) {
  try {
    return await cometchat.authTokens.create(user.uid)
  } catch {
    await cometchat.users.create(user)
    return await cometchat.authTokens.create(user.uid)
  }
}

/** Counts REST requests per issued token for each way of issuing one. */
export async function apiCallsPerToken(emulator: { restBaseUrl: string }, cometchat: CometChat) {
  let next = 0
  const fresh = (label: string) => ({ uid: `bench-${label}-${next++}`, name: 'Bench User' })
  const measure = async (issue: (user: { uid: string; name: string }) => Promise<unknown>) => {
    const newcomer = fresh('new')
    const created = await countRequests(emulator.restBaseUrl, () => issue(newcomer))
    // The same user again: now an existing user.
    const existing = await countRequests(emulator.restBaseUrl, () => issue(newcomer))
    void created.value
    return { newUser: created.requests.length, existingUser: existing.requests.length }
  }
  const seed = await measure((user) => seedEnsureUserExists(cometchat, user))
  const ours = await measure(async (user) => {
    await ensureUser(cometchat, user)
    return cometchat.authTokens.create(user.uid)
  })
  const handler = await measure(async (user) => {
    const handle = createTokenHandler({
      cometchat,
      authenticate: async () => user,
      ttlSeconds: 3600,
    })
    const response = await handle(
      new Request('http://app.local/api/cometchat/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ reason: 'login' }),
      }),
    )
    if (!response.ok) throw new Error(`token handler answered ${response.status}`)
    return response.json()
  })
  return { seed, ours, handler }
}
