import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { SecretToken } from '../secretToken.js'

const VALUE = 'alice_0123456789abcdef0123456789abcdef'

describe('SecretToken', () => {
  it('reveals the raw value', () => {
    expect(new SecretToken(VALUE).reveal()).toBe(VALUE)
  })

  it('is "[redacted]" to JSON, strings and templates', () => {
    const token = new SecretToken(VALUE)
    expect(JSON.stringify({ token })).toBe('{"token":"[redacted]"}')
    expect(token.toJSON()).toBe('[redacted]')
    expect(String(token)).toBe('[redacted]')
    expect(`${token}`).toBe('[redacted]')
    expect(`${token.toString()}`).toBe('[redacted]')
  })

  it('has no enumerable field that holds the value', () => {
    const token = new SecretToken(VALUE)
    expect(Object.keys(token)).toEqual([])
    expect(inspect(token, { showHidden: true, depth: 5 })).not.toContain(VALUE)
    expect(structuredClone({ ...token })).toEqual({})
  })
})
