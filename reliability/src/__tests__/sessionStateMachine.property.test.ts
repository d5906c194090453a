import { type CallsSessionState, createCallsSession } from '@callsession/core'
import { createInProcessEmulator } from '@callsession/emulator'
import { createCometChatCallsV5Model } from '@callsession/testing'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCometChatCallsV4 } from '../../test/cometChatCallsV4.js'
import { createScriptedTokenSource, type Fault } from '../../test/tokenSource.js'

type Command =
  | { kind: 'login'; uid: 'alice' | 'bob' | undefined }
  | { kind: 'sync'; uid: 'alice' | 'bob' | null }
  | { kind: 'logout' }
  | { kind: 'refresh' }
  | { kind: 'callToken' }
  | { kind: 'revoke' }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'appSignIn'; uid: 'alice' | 'bob' | null }
  | { kind: 'wait'; ms: number }

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('login'),
      uid: fc.constantFrom('alice', 'bob', undefined),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('sync'), uid: fc.constantFrom('alice', 'bob', null) }),
  },
  fc.record({ kind: fc.constant('logout') }),
  fc.record({ kind: fc.constant('refresh') }),
  fc.record({ kind: fc.constant('callToken') }),
  fc.record({ kind: fc.constant('revoke') }),
  fc.record({
    kind: fc.constant('fault'),
    fault: fc.constantFrom<Fault>(
      'unauthorized',
      'server-error',
      'network',
      'garbage',
      'other-uid',
    ),
  }),
  fc.record({ kind: fc.constant('appSignIn'), uid: fc.constantFrom('alice', 'bob', null) }),
  // Up to 11 minutes: past the 10-minute token lifetime, so refreshes and expiry happen too.
  fc.record({ kind: fc.constant('wait'), ms: fc.integer({ min: 0, max: 660_000 }) }),
) as fc.Arbitrary<Command>

const possible = (state: CallsSessionState): boolean => {
  switch (state.status) {
    case 'signed-out':
      return Object.keys(state).length === 1
    case 'authenticating':
      return state.uid === undefined || typeof state.uid === 'string'
    case 'authenticated':
    case 'refreshing':
      return typeof state.user?.uid === 'string' && state.user.uid.length > 0
    case 'error':
      return typeof state.error?.code === 'string'
    default:
      return false
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

async function run(commands: Command[], sdkVersion: 'v5' | 'v4') {
  // A fresh CometChat (the real emulator app, in process so it runs on the fake clock) and a
  // fresh page: v5 keeps its user in localStorage, which must not leak into the next run.
  const emulator = createInProcessEmulator()
  globalThis.localStorage.clear()
  const tokens = await createScriptedTokenSource(emulator)
  const v5 = sdkVersion === 'v5' ? createCometChatCallsV5Model({ fetch: emulator.fetch }) : null
  const session = createCallsSession({
    appId: emulator.appId,
    region: emulator.region,
    fetchToken: tokens.fetchToken,
    ...(v5
      ? { sdk: v5, ...emulator.sdkHosts }
      : { sdk: createCometChatCallsV4(emulator.fetch), host: emulator.callsHost }),
  })
  const impossible: CallsSessionState[] = []
  session.subscribe((state) => {
    if (!possible(state)) impossible.push(state)
  })
  const pending: Promise<unknown>[] = []
  const start = (work: Promise<unknown>) => pending.push(work.catch(() => {}))
  tokens.signIn('alice')
  for (const c of commands) {
    if (c.kind === 'login') start(session.login(c.uid === undefined ? {} : { uid: c.uid }))
    else if (c.kind === 'sync') start(session.syncUser(c.uid))
    else if (c.kind === 'logout') start(session.logout())
    else if (c.kind === 'refresh') start(session.refresh())
    else if (c.kind === 'callToken') start(session.generateCallToken('room'))
    else if (c.kind === 'revoke') await tokens.revokeAll()
    else if (c.kind === 'fault') tokens.fail(c.fault)
    else if (c.kind === 'appSignIn') tokens.signIn(c.uid)
    else await vi.advanceTimersByTimeAsync(c.ms)
  }
  // Let everything settle (retries back off up to 8 s each).
  await vi.advanceTimersByTimeAsync(60_000)
  await Promise.all(pending)
  return { session, v5, impossible }
}

describe('the session state machine under random interleavings', () => {
  for (const sdkVersion of ['v5', 'v4'] as const) {
    it(`never reaches an impossible state (${sdkVersion} SDK)`, async () => {
      const finals: Record<string, number> = {}
      await fc.assert(
        fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
          const { session, v5, impossible } = await run(commands, sdkVersion)
          expect(impossible).toEqual([])
          const state = session.getState()
          finals[state.status] = (finals[state.status] ?? 0) + 1
          expect(possible(state)).toBe(true)
          // Settled: not stuck half-way.
          expect(['authenticating', 'refreshing']).not.toContain(state.status)
          if (v5) {
            // One SDK session at most, and it is the one the state shows.
            const held = v5.getLoggedInUser()?.uid ?? null
            if (state.status === 'authenticated') expect(held).toBe(state.user.uid)
            else expect(held).toBeNull()
          }
          await session.logout()
          await vi.advanceTimersByTimeAsync(0)
          expect(session.getState()).toEqual({ status: 'signed-out' })
          expect(vi.getTimerCount()).toBe(0)
          if (v5) expect(v5.getLoggedInUser()).toBeNull()
          session.destroy()
        }),
        { numRuns: 150 },
      )
      // The runs reach every outcome, not just the trivial one.
      expect(Object.keys(finals).sort()).toEqual(['authenticated', 'error', 'signed-out'])
      console.info(`final states over 150 runs (${sdkVersion}):`, JSON.stringify(finals))
    })
  }
})
