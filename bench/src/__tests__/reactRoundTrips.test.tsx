// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { fiftyComponentsStrictMode, rendersPerStatusChange } from '../client/reactScenarios.js'

describe('@callsession/react round trips', () => {
  it('50 components mounted at once under StrictMode make one token request and one SDK login', async () => {
    const trips = await fiftyComponentsStrictMode(50)
    expect(trips).toMatchObject({ tokenRequests: 1, sdkLogins: 1 })
  })

  it('a status consumer renders once per status change and not on other state updates', async () => {
    const run = await rendersPerStatusChange()
    expect(run.statusChanges).toBe(2)
    expect(run.renders).toBe(run.statusChanges)
  })
})
