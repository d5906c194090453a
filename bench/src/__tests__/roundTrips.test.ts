import { afterAll, describe, expect, it } from 'vitest'
import { closeBenchCometChat } from '../client/cometchatV5.js'
import {
  coldLogin,
  proactiveRefresh,
  reloadWithSdkSession,
  tabsRefreshingAtOnce,
} from '../client/roundTrips.js'

// Counts, not timings: the same on every machine, so they can gate a change.
// The SDK is the v5 model of @callsession/testing over HTTP against the emulator.
afterAll(() => closeBenchCometChat())

describe('browser round trips', () => {
  it('a cold login makes one token request and one SDK login', async () => {
    const trips = await coldLogin()
    expect(trips).toMatchObject({ tokenRequests: 1, sdkLogins: 1 })
  })

  it('a reload while the SDK holds the session makes no token request and no SDK login', async () => {
    const trips = await reloadWithSdkSession()
    expect(trips).toMatchObject({ tokenRequests: 0, sdkLogins: 0 })
  })

  it('a proactive refresh makes one token request', async () => {
    const trips = await proactiveRefresh()
    expect(trips.tokenRequests).toBe(1)
  })

  it('five tabs whose tokens come due together make one token request between them', async () => {
    const trips = await tabsRefreshingAtOnce(5)
    expect(trips.tokenRequests).toBe(1)
  })
})

describe('refresh quality', () => {
  it('a proactive refresh spends no time signed out or authenticating', async () => {
    const run = await proactiveRefresh()
    expect(run.statuses).toEqual(['refreshing', 'authenticated'])
    expect(run.notAuthenticatedMs).toBe(0)
  })
})
