import { afterEach, describe, expect, it, vi } from 'vitest'
import { isProductionBuild } from '../buildMode.js'
import { internals } from '../internals.js'

// Which build this is decides whether the dev entry runs. `import.meta.env.PROD` is checked in
// bundles (devGuard.test.ts): under vitest each module has its own import.meta.env no test can set.
afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

describe('isProductionBuild', () => {
  it('NODE_ENV=production alone makes it production; development and test do not', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(isProductionBuild()).toBe(true)
    for (const mode of ['development', 'test']) {
      vi.stubEnv('NODE_ENV', mode)
      expect(isProductionBuild()).toBe(false)
    }
  })

  it('a page with no process object at all (a browser bundle without a define) is not production', () => {
    vi.stubGlobal('process', undefined)
    const production = isProductionBuild()
    vi.unstubAllGlobals()
    expect(production).toBe(false)
  })
})

describe('the internals key', () => {
  it('is the registered symbol, so a dev entry from another copy of core finds the session', () => {
    expect(internals).toBe(Symbol.for('@callsession/core.internals'))
  })
})
