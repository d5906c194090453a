import { describe, expect, it } from 'vitest'
import { isValidUid, sameUid, UID_PATTERN } from '../uid.js'

describe('isValidUid', () => {
  it.each([
    'a',
    'Z',
    '0',
    '_',
    '-',
    'alice',
    'Alice_Bob-42',
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-',
  ])('accepts %s', (uid) => {
    expect(isValidUid(uid)).toBe(true)
  })

  it('accepts 1 and 100 characters', () => {
    expect(isValidUid('x')).toBe(true)
    expect(isValidUid('x'.repeat(100))).toBe(true)
  })

  it('refuses 0 and 101 characters', () => {
    expect(isValidUid('')).toBe(false)
    expect(isValidUid('x'.repeat(101))).toBe(false)
  })

  it.each([
    'al ice',
    ' alice',
    'alice ',
    'alice\n',
    'a.b',
    'a@b',
    'a/b',
    'a+b',
    'a:b',
    'é',
    'ａ',
    '*',
  ])('refuses %j', (uid) => {
    expect(isValidUid(uid)).toBe(false)
  })

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', ['alice']],
    ['an object', { toString: () => 'alice' }],
    ['a String object', Object('alice')],
  ])('refuses %s', (_, value) => {
    expect(isValidUid(value)).toBe(false)
  })

  it('the pattern is anchored at both ends', () => {
    expect(UID_PATTERN.test('ok!')).toBe(false)
    expect(UID_PATTERN.test('!ok')).toBe(false)
  })
})

describe('sameUid', () => {
  it('ignores case', () => {
    expect(sameUid('Alice', 'alice')).toBe(true)
    expect(sameUid('alice', 'ALICE')).toBe(true)
    expect(sameUid('a_B-1', 'A_b-1')).toBe(true)
  })

  it('tells different uids apart', () => {
    expect(sameUid('alice', 'bob')).toBe(false)
    expect(sameUid('alice', 'alice2')).toBe(false)
    expect(sameUid('alice', 'alic')).toBe(false)
    expect(sameUid('a-1', 'a_1')).toBe(false)
  })
})
