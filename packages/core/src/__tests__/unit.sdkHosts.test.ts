import { describe, expect, it } from 'vitest'
import { hostsKey, v4Host, v5Hosts } from '../sdk/sdkHosts.js'

describe('v5Hosts', () => {
  it('trims trailing slashes from each host', () => {
    expect(
      v5Hosts({
        host: 'http://localhost:8080/calls/',
        clientHost: 'http://localhost:8080/client///',
        adminHost: 'http://localhost:8080/admin',
      }),
    ).toEqual({
      host: 'http://localhost:8080/calls',
      clientHost: 'http://localhost:8080/client',
      adminHost: 'http://localhost:8080/admin',
    })
  })

  it('keeps inner slashes', () => {
    expect(v5Hosts({ host: 'https://proxy.example.com//a/b/' })).toEqual({
      host: 'https://proxy.example.com//a/b',
    })
  })

  it('omits absent and empty hosts entirely', () => {
    expect(v5Hosts({})).toEqual({})
    expect(Object.keys(v5Hosts({ host: undefined, clientHost: '', adminHost: undefined }))).toEqual(
      [],
    )
    expect(Object.keys(v5Hosts({ clientHost: 'http://c/' }))).toEqual(['clientHost'])
    expect(Object.keys(v5Hosts({ adminHost: 'http://a/' }))).toEqual(['adminHost'])
    expect(Object.keys(v5Hosts({ host: 'http://h/' }))).toEqual(['host'])
  })

  it('does not mix up which host is which', () => {
    expect(v5Hosts({ host: 'http://h', clientHost: 'http://c', adminHost: 'http://a' })).toEqual({
      host: 'http://h',
      clientHost: 'http://c',
      adminHost: 'http://a',
    })
  })
})

describe('v4Host', () => {
  it('ends with exactly one slash', () => {
    expect(v4Host('http://localhost:8080/v3')).toBe('http://localhost:8080/v3/')
    expect(v4Host('http://localhost:8080/v3/')).toBe('http://localhost:8080/v3/')
    expect(v4Host('http://localhost:8080/v3////')).toBe('http://localhost:8080/v3/')
  })

  it('is undefined without a host', () => {
    expect(v4Host(undefined)).toBeUndefined()
    expect(v4Host('')).toBeUndefined()
  })
})

describe('hostsKey', () => {
  it('is the same for equivalent configurations', () => {
    expect(hostsKey({ host: 'http://h/' })).toBe(hostsKey({ host: 'http://h' }))
    expect(hostsKey({ host: 'http://h', clientHost: undefined })).toBe(
      hostsKey({ host: 'http://h' }),
    )
    expect(hostsKey({})).toBe(hostsKey({ host: undefined, clientHost: '', adminHost: undefined }))
  })

  it('is the canonical JSON of the trimmed hosts', () => {
    expect(hostsKey({})).toBe('{}')
    expect(hostsKey({ host: 'http://h//', adminHost: 'http://a/' })).toBe(
      '{"host":"http://h","adminHost":"http://a"}',
    )
  })

  it('differs for different hosts or roles', () => {
    const keys = [
      hostsKey({}),
      hostsKey({ host: 'http://h' }),
      hostsKey({ host: 'http://h2' }),
      hostsKey({ clientHost: 'http://h' }),
      hostsKey({ adminHost: 'http://h' }),
      hostsKey({ host: 'http://h', clientHost: 'http://h' }),
    ]
    expect(new Set(keys).size).toBe(keys.length)
  })
})
