import { describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { startEmulator } from '../index.js'

describe('rate limit window length (issue 17: limits scaled down for short runs)', () => {
  it('counts per windowSeconds on its clock and resets at the next window', async () => {
    let clock = Date.UTC(2026, 0, 1, 12, 0, 15, 200)
    const limited = await startEmulator({
      now: () => clock,
      rateLimits: { standard: 2, core: 2, windowSeconds: 1 },
    })
    const rest = clientFor(limited)
    try {
      expect((await rest.rest('GET', '/users')).status).toBe(200)
      expect((await rest.rest('GET', '/users')).status).toBe(200)
      const refused = await rest.rest('GET', '/users')
      expect(refused).toMatchObject({ status: 429, error: { code: 'ERR_TOO_MANY_REQUESTS' } })
      expect(refused.headers.get('retry-after')).toBe('1')
      expect(refused.headers.get('x-rate-limit-reset')).toBe(
        String(Date.UTC(2026, 0, 1, 12, 0, 16) / 1000),
      )
      clock += 800
      expect((await rest.rest('GET', '/users')).status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})
