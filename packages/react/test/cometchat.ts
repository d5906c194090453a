import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { createCometChatCallsV5Model } from '@callsession/testing'
import { afterAll, beforeAll } from 'vitest'

/**
 * CometChat for the React tests: the emulator over HTTP and the faithful v5 model of
 * `@callsession/testing`. The tests name several apps and hosts (`app1`, `app2`, `eu`,
 * `https://calls.example.test`); like a test DNS, `routeToEmulator` sends every CometChat request to
 * this one emulator, whatever host and appId it names, so the SDK's behaviour stays real.
 */
let emulator: RunningEmulator | undefined
const nodeFetch = globalThis.fetch.bind(globalThis)
/** Real tokens minted ahead, so tests can build grants synchronously. */
const pool = new Map<string, string[]>()
const UIDS = ['alice', 'bob']
const PER_UID = 40

export function running(): RunningEmulator {
  if (!emulator) throw new Error('the emulator is not running (test/setup.ts starts it)')
  return emulator
}

/** The next real auth token for `uid` (minted at the emulator with the REST API key). */
export function nextToken(uid: string): string {
  const token = pool.get(uid)?.shift()
  if (!token) throw new Error(`no pre-minted token left for ${uid} (add to PER_UID)`)
  return token
}

/** Every CometChat request, whatever its host and appId, to this file's emulator. */
const routeToEmulator: typeof fetch = (input, init) => {
  const url = new URL(String(input instanceof Request ? input.url : input))
  // The endpoint is what follows the base (`…/v3.0/me`, or `/me` on a test host without it).
  const endpoint = url.pathname.includes('/v3.0/')
    ? url.pathname.replace(/^.*\/v3\.0\//, '')
    : url.pathname.replace(/^\/+/, '')
  const headers = new Headers(init?.headers)
  if (headers.has('appId')) headers.set('appId', running().appId)
  return nodeFetch(`${running().sdkHosts.host}/${endpoint}`, { ...init, headers })
}

/** A fresh page's `CometChatCalls`: the v5 model, over HTTP to the emulator. */
export const createSdk = () => createCometChatCallsV5Model({ fetch: routeToEmulator })

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, appId: 'app1' })
  const rest = (path: string, body: unknown) =>
    nodeFetch(`${running().restBaseUrl}${path}`, {
      method: 'POST',
      headers: { apiKey: running().apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ data?: { authToken?: string } }>)
  for (const uid of UIDS) {
    await rest('/users', { uid, name: `User ${uid}` })
    const tokens = await Promise.all(
      Array.from({ length: PER_UID }, () => rest(`/users/${uid}/auth_tokens`, { force: true })),
    )
    pool.set(
      uid,
      tokens.map(({ data }) => String(data?.authToken)),
    )
  }
}, 30_000)

afterAll(async () => {
  await emulator?.close()
  emulator = undefined
  pool.clear()
})
