import { CallsSessionError } from '@callsession/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseGrant } from '../../../packages/core/src/grant.js'

const now = Date.UTC(2026, 0, 1)
const parse = (body: unknown, serverDate?: number) =>
  parseGrant(body, { receivedAt: now, serverDate })

const uid = fc.stringMatching(/^[a-zA-Z0-9_-]{1,100}$/)
const token = fc.stringMatching(/^[!-~]{1,200}$/)

describe('grant parsing', () => {
  it('never throws anything but INVALID_TOKEN_RESPONSE, whatever the server answers', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        try {
          const grant = parse(body)
          // Anything accepted is a complete grant.
          expect(typeof grant.uid).toBe('string')
          expect(grant.token.reveal().length).toBeGreaterThan(0)
          expect(grant.user.uid).toBe(grant.uid)
        } catch (error) {
          expect(error).toBeInstanceOf(CallsSessionError)
          expect((error as CallsSessionError).code).toBe('INVALID_TOKEN_RESPONSE')
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('accepts every well-formed grant and keeps its expiry on the local clock', () => {
    // From 5 s: a grant that lives less is refused (it would refresh in a storm; issue 12).
    fc.assert(
      fc.property(uid, token, fc.integer({ min: 5, max: 30 * 86_400 }), (u, t, expiresIn) => {
        const grant = parse({ uid: u, authToken: t, expiresIn })
        expect(grant.uid).toBe(u)
        expect(grant.token.reveal()).toBe(t)
        expect(grant.expiresAt).toBe(now + expiresIn * 1000)
      }),
    )
  })

  it('corrects an absolute expiry for any clock skew up to ±10 minutes (server Date header)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -600_000, max: 600_000 }),
        fc.integer({ min: 60, max: 86_400 }),
        (skewMs, lifetime) => {
          const serverNow = now + skewMs
          const grant = parse(
            { uid: 'alice', authToken: 'alice_1', expiresAt: (serverNow + lifetime * 1000) / 1000 },
            serverNow,
          )
          expect(grant.expiresAt).toBeCloseTo(now + lifetime * 1000, -1)
        },
      ),
    )
  })

  it('never lets the token into an error message', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[!-~]{16,64}$/), fc.anything(), (secret, junk) => {
        const t = `tok_${secret}`
        try {
          parse({ uid: 'alice', authToken: t, expiresIn: junk })
        } catch (error) {
          expect(String((error as Error).message)).not.toContain(t)
        }
      }),
    )
  })

  it('refuses the malformed answers of the fault table', () => {
    for (const body of [
      null,
      '',
      '<html></html>',
      [],
      {},
      { uid: 'alice' },
      { authToken: 'x_1' },
      { uid: 'alice', authToken: '' },
      { uid: 'alice', authToken: 'has space' },
      { uid: 'alice', authToken: 'a_1', expiresIn: -1 },
      { uid: 'alice', authToken: 'a_1', expiresIn: 4.999 },
      { uid: 'alice', authToken: 'a_1', expiresIn: Number.NaN },
      { uid: 'alice', authToken: 'a_1', expiresAt: now / 1000 - 5 },
      { uid: 'alice', authToken: 'a_1', expiresAt: 'tomorrow' },
      { uid: 'alice', authToken: 'a_1', user: 'alice' },
      { uid: 'alice', authToken: 'a_1', user: { uid: 'mallory' } },
      { uid: 'alice', authToken: 'a_1', user: { name: 7 } },
    ]) {
      expect(() => parse(body)).toThrow(CallsSessionError)
    }
  })
})
