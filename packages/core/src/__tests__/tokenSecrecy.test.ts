import { inspect } from 'node:util'
import { createCometChatCallsV5Model } from '@callsession/testing'
import { dehydrate, QueryClient } from '@tanstack/query-core'
import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Answer, type CometChat, startCometChat } from '../../test/cometchat.js'
import {
  type CallsSession,
  type CallsSessionEvent,
  type CallsSessionOptions,
  type CallsSessionState,
  createCallsSession,
} from '../index.js'

// Tokens live in memory only. Everything an app might print or persist is serialized here the
// way a logger, a devtools panel or a query persister would, and searched for every token the
// app server issued. Storage is jsdom's real localStorage (never a mock): whatever any code
// wrote is there to be read back.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat({ lifetimeSeconds: 600 })
})
afterAll(() => cometchat.close())
const sessions: CallsSession[] = []
afterEach(async () => {
  for (const session of sessions.splice(0)) session.destroy()
  await cometchat.reset()
  sessionStorage.clear()
})

/** v5 keeps its logged-in user with the token here (documented; see COMETCHAT.md). */
const SDK_USER_KEY = 'emulator-app:common_store/user'

/** Every way an app could turn `value` into text. */
const printed = (value: unknown) =>
  [JSON.stringify(value), String(value), inspect(value, { depth: 12, showHidden: true })].join('\n')

/** Web Storage keys (and cookies) holding any of `tokens`, except `allowed`. */
function storageWithTokens(tokens: readonly string[], allowed?: string): string[] {
  const found: string[] = []
  for (const [name, storage] of [
    ['localStorage', localStorage],
    ['sessionStorage', sessionStorage],
  ] as const) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? ''
      const text = `${key}=${storage.getItem(key)}`
      if (key !== allowed && tokens.some((token) => text.includes(token))) {
        found.push(`${name}:${key}`)
      }
    }
  }
  if (tokens.some((token) => document.cookie.includes(token))) found.push('cookie')
  return found
}

/**
 * A session recording what an app might print (states, events, errors) and its QueryClient's cache
 * serialized at the moment a grant lands in it (what Query Devtools and persisters see).
 */
function open(options: Partial<CallsSessionOptions>) {
  const queryClient = new QueryClient()
  const cacheDumps: string[] = []
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return
    const all = queryClient.getQueryCache().getAll()
    cacheDumps.push(
      JSON.stringify({
        action: event.action.type,
        states: all.map((query) => query.state),
        dehydrated: dehydrate(queryClient, { shouldDehydrateQuery: () => true }),
      }),
    )
  })
  const session = createCallsSession({ ...cometchat.options, queryClient, ...options })
  sessions.push(session)
  const states: CallsSessionState[] = []
  const events: CallsSessionEvent[] = []
  session.subscribe((state) => states.push(state))
  session.on((event) => events.push(event))
  const everythingPrinted = () => [printed(states), printed(events)].join('\n')
  return { session, cacheDumps, everythingPrinted }
}

describe('tokens never reach what an app prints or persists', () => {
  it.each([
    { name: 'v5, persistSdkSession: true', v5: true, persist: true },
    { name: 'v5, persistSdkSession: false', v5: true, persist: false },
    { name: 'the real 4.2.6 SDK', v5: false, persist: true },
  ])(
    '$name: no token in storage (except v5 own saved user), states, events or a non-empty query cache through login, refresh, a refusal and logout',
    async ({ v5, persist }) => {
      const { session, cacheDumps, everythingPrinted } = open(
        v5
          ? { sdk: cometchat.createSdk(), persistSdkSession: persist }
          : { ...cometchat.realSdkV4() },
      )
      // v5 with persistence keeps its user and token at rest under one documented key, only there.
      const allowed = v5 && persist ? SDK_USER_KEY : undefined
      const checkpoint = () => {
        expect(storageWithTokens(cometchat.issued, allowed)).toEqual([])
        if (v5 && !persist) expect(localStorage.getItem(SDK_USER_KEY)).toBeNull()
      }

      await session.login({ uid: 'alice' })
      if (allowed) expect(localStorage.getItem(SDK_USER_KEY)).toContain(cometchat.issued.at(-1))
      checkpoint()
      await session.generateCallToken('room-0')
      await session.refresh()
      checkpoint()
      await cometchat.revokeTokens('alice')
      await session.generateCallToken('room-1') // refused: one fresh token, one more try
      checkpoint()
      await session.logout()
      checkpoint()
      expect(localStorage.getItem(SDK_USER_KEY)).toBeNull()

      expect(cometchat.requests.map((r) => r.reason)).toEqual(['login', 'refresh', 'rejected'])
      expect(cometchat.issued).toHaveLength(3)
      // The cache was dumped while each grant sat in it: not an empty cache.
      const withGrant = cacheDumps.filter((dump) => dump.includes('"action":"success"'))
      expect(withGrant).toHaveLength(3)
      for (const dump of withGrant) expect(dump).toContain('[redacted]')
      const text = [everythingPrinted(), ...cacheDumps].join('\n')
      for (const token of cometchat.issued) expect(text).not.toContain(token)
    },
  )

  it.each([
    ['a CometChat-shaped token', undefined],
    ['an opaque token (no uid_hex shape to spot)', 'eyJhbGciOi.opaque-Token.Q29tZXRDaGF0'],
  ])(
    'errors carry no token, even when CometChat echoes %s back in its message',
    async (_, opaque) => {
      // A CometChat that repeats the refused token in its error message (v5 passes the message on).
      const echoing: typeof fetch = async (input, init) => {
        const url = String(input)
        const token = new Headers(init?.headers).get('authToken') ?? ''
        if (init?.method === 'PUT' && url.endsWith('/me')) {
          return Response.json(
            {
              error: {
                code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
                message: `The auth token ${token} does not exist.`,
                devMessage: `Token ${token} was not found.`,
                source: 'emulator',
              },
            },
            { status: 401 },
          )
        }
        return fetch(input, init)
      }
      const tokens: string[] = []
      const answer: Answer = async ({ mint }) => {
        const grant = await mint('alice')
        const authToken = opaque ? `${opaque}${tokens.length}` : String(grant.authToken)
        tokens.push(authToken)
        return HttpResponse.json({ ...grant, authToken })
      }
      cometchat.answerNext(answer, answer)
      const sdk = createCometChatCallsV5Model({ fetch: echoing })
      const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
      const { session, everythingPrinted } = open({ sdk, debug: true })
      const error = await session.login({ uid: 'alice' }).catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: 'TOKEN_REJECTED' })
      expect(tokens).toHaveLength(2) // one fresh token, one more try
      const text = [
        printed(error),
        (error as Error).stack,
        printed((error as Error).cause),
        everythingPrinted(),
        ...debug.mock.calls.map((args) => args.map((arg) => printed(arg)).join(' ')),
      ].join('\n')
      expect(debug).toHaveBeenCalled()
      expect(text).toContain('[redacted]')
      for (const token of tokens) expect(text).not.toContain(token)
    },
  )

  it('an invalid grant is refused without quoting it', async () => {
    const { session, everythingPrinted } = open({ sdk: cometchat.createSdk() })
    cometchat.answerNext(async ({ mint }) =>
      HttpResponse.json({ ...(await mint('alice')), expiresIn: 'soon' }),
    )
    const error = await session.login({ uid: 'alice' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'INVALID_TOKEN_RESPONSE' })
    const text = [printed(error), (error as Error).stack, everythingPrinted()].join('\n')
    for (const token of cometchat.issued) expect(text).not.toContain(token)
    expect(storageWithTokens(cometchat.issued)).toEqual([])
  })

  it('leaves no token query behind in a shared QueryClient', async () => {
    const queryClient = new QueryClient()
    const session = createCallsSession({
      ...cometchat.options,
      sdk: cometchat.createSdk(),
      queryClient,
    })
    sessions.push(session)
    await session.login({ uid: 'alice' })
    await session.refresh()
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0)
  })
})
