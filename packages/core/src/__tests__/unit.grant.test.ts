import { describe, expect, it } from 'vitest'
import { CallsSessionError } from '../errors.js'
import { MIN_LIFETIME_MS, parseGrant } from '../grant.js'
import { SecretToken } from '../secretToken.js'

const RECEIVED = 1_700_000_000_000
const TOKEN = 'alice_0123456789abcdef0123456789abcdef'
const at = { receivedAt: RECEIVED }

/** What parseGrant threw, for exact assertions on code and message. */
function failure(body: unknown, context: Parameters<typeof parseGrant>[1] = at) {
  try {
    parseGrant(body, context)
  } catch (error) {
    return error
  }
  throw new Error('parseGrant accepted the body')
}

const refusal = (field: string) => ({
  name: 'CallsSessionError',
  code: 'INVALID_TOKEN_RESPONSE',
  message: `Token answer: bad ${field}`,
})

describe('parseGrant', () => {
  it('keeps uid, token, receivedAt and no expiry when none is given', () => {
    const grant = parseGrant({ uid: 'alice', authToken: TOKEN }, at)
    expect(grant).toEqual({
      uid: 'alice',
      token: expect.any(SecretToken),
      user: { uid: 'alice' },
      expiresAt: undefined,
      receivedAt: RECEIVED,
    })
    expect(grant.token.reveal()).toBe(TOKEN)
  })

  it('minimum lifetime is 5 s', () => {
    expect(MIN_LIFETIME_MS).toBe(5_000)
  })

  describe('body', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a string', 'alice'],
      ['a number', 42],
      ['an array', [{ uid: 'alice', authToken: TOKEN }]],
    ])('refuses %s', (_, body) => {
      const error = failure(body)
      expect(error).toBeInstanceOf(CallsSessionError)
      expect(error).toMatchObject(refusal('body'))
    })
  })

  describe('uid', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['a number', 7],
      ['with a space', 'al ice'],
      ['101 characters', 'a'.repeat(101)],
    ])('refuses a uid %s', (_, uid) => {
      expect(failure({ uid, authToken: TOKEN })).toMatchObject(refusal('uid'))
    })

    it('keeps the uid as given (case and all)', () => {
      expect(parseGrant({ uid: 'Alice_-9', authToken: TOKEN }, at).uid).toBe('Alice_-9')
    })
  })

  describe('authToken', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['a number', 12345],
      ['with a space', 'abc def'],
      ['with a newline', 'abc\ndef'],
      ['non-ASCII', 'abcé'],
      ['4097 characters', 'x'.repeat(4097)],
    ])('refuses a token %s', (_, authToken) => {
      expect(failure({ uid: 'alice', authToken })).toMatchObject(refusal('authToken'))
    })

    it('accepts every printable ASCII character, 1 to 4096 of them', () => {
      const printable = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('')
      for (const authToken of ['x', printable, 'x'.repeat(4096)]) {
        expect(parseGrant({ uid: 'alice', authToken }, at).token.reveal()).toBe(authToken)
      }
    })

    it('never puts the token value in an error message', () => {
      for (const body of [
        { uid: 'alice', authToken: TOKEN, expiresIn: 1 },
        { uid: 'alice', authToken: TOKEN, user: { uid: 'bob' } },
        { uid: 'alice', authToken: `${TOKEN} tail` },
      ]) {
        const error = failure(body)
        expect(error).toBeInstanceOf(CallsSessionError)
        expect(String(error)).not.toContain(TOKEN)
        expect(JSON.stringify(error)).not.toContain(TOKEN)
      }
    })
  })

  describe('expiresIn', () => {
    it('is seconds from receivedAt', () => {
      expect(parseGrant({ uid: 'alice', authToken: TOKEN, expiresIn: 3600 }, at).expiresAt).toBe(
        RECEIVED + 3_600_000,
      )
    })

    it('accepts exactly 5 s and refuses 4.999 s', () => {
      expect(parseGrant({ uid: 'alice', authToken: TOKEN, expiresIn: 5 }, at).expiresAt).toBe(
        RECEIVED + 5_000,
      )
      expect(failure({ uid: 'alice', authToken: TOKEN, expiresIn: 4.999 })).toMatchObject(
        refusal('expiry'),
      )
    })

    it.each([
      ['zero', 0],
      ['negative', -60],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['a numeric string', '3600'],
      ['a boolean', true],
    ])('refuses %s', (_, expiresIn) => {
      expect(failure({ uid: 'alice', authToken: TOKEN, expiresIn })).toMatchObject(
        refusal('expiry'),
      )
    })

    it('wins over expiresAt, and is not corrected by serverDate', () => {
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, expiresIn: 60, expiresAt: RECEIVED / 1000 + 7200 },
        { receivedAt: RECEIVED, serverDate: RECEIVED - 30_000 },
      )
      expect(grant.expiresAt).toBe(RECEIVED + 60_000)
    })

    it('wins even over a bad expiresAt', () => {
      const grant = parseGrant({ uid: 'alice', authToken: TOKEN, expiresIn: 60, expiresAt: {} }, at)
      expect(grant.expiresAt).toBe(RECEIVED + 60_000)
    })

    it('null means absent: expiresAt is used', () => {
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, expiresIn: null, expiresAt: RECEIVED / 1000 + 60 },
        at,
      )
      expect(grant.expiresAt).toBe(RECEIVED + 60_000)
    })
  })

  describe('expiresAt', () => {
    it('reads Unix seconds', () => {
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, expiresAt: RECEIVED / 1000 + 3600 },
        at,
      )
      expect(grant.expiresAt).toBe(RECEIVED + 3_600_000)
    })

    it('reads ISO-8601', () => {
      const iso = new Date(RECEIVED + 3_600_000).toISOString()
      expect(parseGrant({ uid: 'alice', authToken: TOKEN, expiresAt: iso }, at).expiresAt).toBe(
        RECEIVED + 3_600_000,
      )
    })

    it('is corrected by the server clock: a server 30 s ahead', () => {
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, expiresAt: (RECEIVED + 30_000) / 1000 + 3600 },
        { receivedAt: RECEIVED, serverDate: RECEIVED + 30_000 },
      )
      expect(grant.expiresAt).toBe(RECEIVED + 3_600_000)
    })

    it('is corrected by the server clock: a server 2 min behind, ISO', () => {
      const iso = new Date(RECEIVED - 120_000 + 600_000).toISOString()
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, expiresAt: iso },
        { receivedAt: RECEIVED, serverDate: RECEIVED - 120_000 },
      )
      expect(grant.expiresAt).toBe(RECEIVED + 600_000)
    })

    it('a serverDate of 0 is still a correction', () => {
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, expiresAt: 60 },
        { receivedAt: RECEIVED, serverDate: 0 },
      )
      expect(grant.expiresAt).toBe(RECEIVED + 60_000)
    })

    it('skew decides the 5 s boundary: exactly 5 s after correction passes, 4.999 s fails', () => {
      const context = { receivedAt: RECEIVED, serverDate: RECEIVED + 10_000 }
      expect(
        parseGrant(
          { uid: 'alice', authToken: TOKEN, expiresAt: (RECEIVED + 15_000) / 1000 },
          context,
        ).expiresAt,
      ).toBe(RECEIVED + 5_000)
      expect(
        failure({ uid: 'alice', authToken: TOKEN, expiresAt: (RECEIVED + 14_999) / 1000 }, context),
      ).toMatchObject(refusal('expiry'))
    })

    it('accepts exactly 5 s and refuses 4.999 s', () => {
      expect(
        parseGrant({ uid: 'alice', authToken: TOKEN, expiresAt: (RECEIVED + 5_000) / 1000 }, at)
          .expiresAt,
      ).toBe(RECEIVED + 5_000)
      expect(
        failure({ uid: 'alice', authToken: TOKEN, expiresAt: (RECEIVED + 4_999) / 1000 }),
      ).toMatchObject(refusal('expiry'))
    })

    it.each([
      ['in the past', RECEIVED / 1000 - 60],
      ['now', RECEIVED / 1000],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['not a date', 'tomorrow'],
      ['an empty string', ''],
      ['an object', { seconds: RECEIVED / 1000 + 3600 }],
      ['a boolean', true],
    ])('refuses an expiresAt %s', (_, expiresAt) => {
      expect(failure({ uid: 'alice', authToken: TOKEN, expiresAt })).toMatchObject(
        refusal('expiry'),
      )
    })

    it('refuses an expiry the skew correction pushes into the past', () => {
      const body = { uid: 'alice', authToken: TOKEN, expiresAt: RECEIVED / 1000 + 60 }
      expect(failure(body, { receivedAt: RECEIVED, serverDate: RECEIVED + 120_000 })).toMatchObject(
        refusal('expiry'),
      )
    })
  })

  describe('user', () => {
    it('keeps name and avatar strings, and the grant uid', () => {
      const grant = parseGrant(
        {
          uid: 'alice',
          authToken: TOKEN,
          user: { name: 'Alice A.', avatar: 'https://example.com/a.png', role: 'admin' },
        },
        at,
      )
      expect(grant.user).toEqual({
        uid: 'alice',
        name: 'Alice A.',
        avatar: 'https://example.com/a.png',
      })
    })

    it('keeps an empty name (a string is a string)', () => {
      expect(parseGrant({ uid: 'alice', authToken: TOKEN, user: { name: '' } }, at).user).toEqual({
        uid: 'alice',
        name: '',
      })
    })

    it('leaves out null or absent name and avatar', () => {
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, user: { name: null, avatar: undefined } },
        at,
      )
      expect(grant.user).toEqual({ uid: 'alice' })
      expect(Object.keys(grant.user)).toEqual(['uid'])
    })

    it('a null user is no user', () => {
      expect(parseGrant({ uid: 'alice', authToken: TOKEN, user: null }, at).user).toEqual({
        uid: 'alice',
      })
    })

    it('matches user.uid case-insensitively, keeping the grant uid', () => {
      const grant = parseGrant(
        { uid: 'alice', authToken: TOKEN, user: { uid: 'ALICE', name: 'A' } },
        at,
      )
      expect(grant.user).toEqual({ uid: 'alice', name: 'A' })
    })

    it.each([
      ['a string', 'alice'],
      ['an array', [{ name: 'Alice' }]],
      ['a number', 1],
      ['another uid', { uid: 'bob' }],
      ['a uid with a prefix in common', { uid: 'alice2' }],
      ['an invalid uid', { uid: 'al ice' }],
      ['a numeric uid', { uid: 5 }],
      ['a numeric name', { name: 42 }],
      ['an object avatar', { avatar: { url: 'x' } }],
      ['a boolean name', { name: false }],
    ])('refuses a user that is %s', (_, user) => {
      expect(failure({ uid: 'alice', authToken: TOKEN, user })).toMatchObject(refusal('user'))
    })

    it('checks the expiry before the user', () => {
      expect(
        failure({ uid: 'alice', authToken: TOKEN, expiresIn: 1, user: { uid: 'bob' } }),
      ).toMatchObject(refusal('expiry'))
    })
  })
})
