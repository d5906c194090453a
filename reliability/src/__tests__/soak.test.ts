import { type CallsSession, createCallsSession } from '@callsession/core'
import { createInProcessEmulator } from '@callsession/emulator'
import { createCometChatCallsV5Model } from '@callsession/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installFakeLocks } from '../../../packages/core/test/fakeLocks.js'
import { createScriptedTokenSource } from '../../test/tokenSource.js'

const LIFETIME_S = 600
const GRACE_S = 60
const TABS = 5
const HOURS = 24

/** Lets BroadcastChannel messages (real macrotasks) arrive between fake-clock steps. */
const flushMessages = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

let uninstallLocks: () => void
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  uninstallLocks = installFakeLocks()
})
afterEach(() => {
  uninstallLocks()
  vi.useRealTimers()
})

describe(`soak: ${TABS} tabs × ${HOURS} simulated hours of token rotation`, () => {
  it('no tab ever holds a revoked token while it thinks it is authenticated', async () => {
    // The server's policy, made real at CometChat: a token older than its lifetime plus the grace
    // is refused (the emulator's token lifetime, on the fake clock).
    const emulator = createInProcessEmulator({ tokenTtlSeconds: LIFETIME_S + GRACE_S })
    globalThis.localStorage.clear()
    const tokens = await createScriptedTokenSource(emulator, {
      latencyMs: 120,
      lifetimeSeconds: LIFETIME_S,
    })
    tokens.signIn('alice')
    // Five tabs of one origin: one v5 SDK each (its statics are per page), one shared localStorage.
    const tabs = Array.from({ length: TABS }, () => {
      const sdk = createCometChatCallsV5Model({ fetch: emulator.fetch })
      const session: CallsSession = createCallsSession({
        appId: emulator.appId,
        region: emulator.region,
        ...emulator.sdkHosts,
        fetchToken: tokens.fetchToken,
        sdk,
        refreshLeewaySeconds: 60,
      })
      return { sdk, session, release: session.retain() }
    })
    const logins = Promise.all(tabs.map((tab) => tab.session.login({ uid: 'alice' })))
    await vi.advanceTimersByTimeAsync(1_000)
    await logins
    let violations = 0
    let checks = 0
    let notAuthenticated = 0
    const afterLogin = tokens.issued
    for (let minute = 1; minute <= HOURS * 60; minute++) {
      await vi.advanceTimersByTimeAsync(60_000)
      await flushMessages()
      for (const tab of tabs) {
        const state = tab.session.getState()
        checks++
        if (state.status !== 'authenticated' && state.status !== 'refreshing') {
          notAuthenticated++
          continue
        }
        // Asked at CometChat: would it still accept the token this tab's SDK holds?
        if (!(await tokens.accepted(tab.sdk.getUserAuthToken()))) violations++
      }
    }
    const requests = tokens.issued - afterLogin
    console.info(
      `soak: ${checks} checks, ${violations} revoked-while-authenticated, ${notAuthenticated} not authenticated; ` +
        `${requests} token requests in ${HOURS} h = ${(requests / (TABS * HOURS)).toFixed(2)} per tab-hour ` +
        `(${(requests / HOURS).toFixed(2)} per hour for all ${TABS} tabs)`,
    )
    expect(violations).toBe(0)
    expect(notAuthenticated).toBe(0)
    // One refresh serves all tabs: about one request per lifetime-minus-leeway, not one per tab.
    expect(requests).toBeLessThanOrEqual(Math.ceil((HOURS * 3600) / (LIFETIME_S - 60)) + 2)
    for (const tab of tabs) {
      tab.release()
      tab.session.destroy()
    }
  })
})
