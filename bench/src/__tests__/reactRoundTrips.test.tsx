// @vitest-environment jsdom
import { afterAll, describe, expect, it } from 'vitest'
import { closeBenchCometChat } from '../client/cometchatV5.js'
import { fiftyComponentsStrictMode, rendersPerChange } from '../client/reactScenarios.js'

// The SDK is the v5 model of @callsession/testing over HTTP against the emulator.
afterAll(() => closeBenchCometChat())

describe('@callsession/react round trips', () => {
  it('50 components mounted at once under StrictMode make one token request and one SDK login', async () => {
    const trips = await fiftyComponentsStrictMode(50)
    expect(trips).toMatchObject({ tokenRequests: 1, sdkLogins: 1 })
  })

  it('each consumer renders once per change of its slice while status, user and expiry change', async () => {
    const run = await rendersPerChange()
    // Two refreshes: authenticated → refreshing → authenticated, twice; each new token moves the
    // expiry; the second one renames the user.
    expect(run.status).toEqual({ changes: 4, renders: 4 })
    expect(run.expiresAt).toEqual({ changes: 2, renders: 2 })
    expect(run.userName).toEqual({ changes: 1, renders: 1 })
    // The whole view changes with every update here (each one moves the status): one render each.
    expect(run.whole).toEqual({ changes: run.updates, renders: run.updates })
    expect(run.updates).toBe(4)
  })
})
