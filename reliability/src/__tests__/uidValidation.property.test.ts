import { isValidUid } from '@callsession/core'
import { assertUid } from '@callsession/server'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const serverAccepts = (uid: unknown) => {
  try {
    assertUid(uid)
    return true
  } catch {
    return false
  }
}

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split('')

// The server is stricter than CometChat's rule on purpose (issue 13, item 6): CometChat lowercases
// uids, so the server kit refuses any uid that is not already lowercase instead of merging `Ann` into `ann`.
describe('uid validation (browser and server agree, CometChat rules; the server wants lowercase)', () => {
  it('accepts every alphanumeric, _ and - uid of 1 to 100 characters (the server: lowercase ones)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 100 }),
        (chars) => {
          const uid = chars.join('')
          expect(isValidUid(uid)).toBe(true)
          expect(serverAccepts(uid)).toBe(uid === uid.toLowerCase())
          expect(serverAccepts(uid.toLowerCase())).toBe(true)
        },
      ),
    )
  })

  it('browser and server give the same verdict on any string (the server refusing uppercase too)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 10 })),
        (uid) => {
          expect(serverAccepts(uid)).toBe(isValidUid(uid) && uid === uid.toLowerCase())
        },
      ),
      { numRuns: 2000 },
    )
  })

  it.each([
    ['empty', ''],
    ['101 characters', 'a'.repeat(101)],
    ['unicode', 'ålice'],
    ['emoji', 'al😀ce'],
    ['path traversal', '../admin'],
    ['encoded slash', 'al%2Fice'],
    ['slash', 'a/b'],
    ['space', 'al ice'],
    ['newline', 'alice\n'],
    ['null byte', 'al\u0000ice'],
  ])('refuses %s', (_, uid) => {
    expect(isValidUid(uid)).toBe(false)
    expect(serverAccepts(uid)).toBe(false)
  })

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['alice']]) {
      expect(isValidUid(value)).toBe(false)
      expect(serverAccepts(value)).toBe(false)
    }
  })
})
