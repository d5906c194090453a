import { QueryClient } from '@tanstack/query-core'
import { describe, expect, it, vi } from 'vitest'
import { resolveOptions } from '../sessionOptions.js'
import type { CallsSessionOptions } from '../types.js'

const base: CallsSessionOptions = { appId: 'app1', region: 'eu', tokenEndpoint: '/api/token' }
const fetchToken: NonNullable<CallsSessionOptions['fetchToken']> = async () => ({
  uid: 'alice',
  authToken: 'alice_x',
})

/** The TypeError message `resolveOptions` throws for `options`. */
function refusal(options: Partial<CallsSessionOptions>) {
  try {
    resolveOptions({ ...base, ...options })
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError)
    return (error as TypeError).message
  }
  throw new Error('accepted')
}

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveOptions(base)
    expect(resolved).toMatchObject({
      ...base,
      hosts: { host: undefined, clientHost: undefined, adminHost: undefined },
      leewayMs: 60_000,
      tokenRetries: 3,
      tokenTimeoutMs: 15_000,
      initSdk: true,
      persistSdkSession: true,
      autoRefresh: true,
      debug: false,
    })
    expect(resolved.queryClient).toBeInstanceOf(QueryClient)
    expect(resolveOptions(base).queryClient).not.toBe(resolved.queryClient)
  })

  it('keeps what is given', () => {
    const queryClient = new QueryClient()
    const resolved = resolveOptions({
      ...base,
      host: 'http://h',
      clientHost: 'http://c',
      adminHost: 'http://a',
      refreshLeewaySeconds: 30,
      tokenRetries: 0,
      tokenTimeoutMs: 1,
      initSdk: false,
      persistSdkSession: false,
      autoRefresh: false,
      queryClient,
    })
    expect(resolved).toMatchObject({
      hosts: { host: 'http://h', clientHost: 'http://c', adminHost: 'http://a' },
      leewayMs: 30_000,
      tokenRetries: 0,
      tokenTimeoutMs: 1,
      initSdk: false,
      persistSdkSession: false,
      autoRefresh: false,
    })
    expect(resolved.queryClient).toBe(queryClient)
  })

  it('a leeway of 0 is allowed, and fractions of a second count', () => {
    expect(resolveOptions({ ...base, refreshLeewaySeconds: 0 }).leewayMs).toBe(0)
    expect(resolveOptions({ ...base, refreshLeewaySeconds: 1.5 }).leewayMs).toBe(1_500)
  })

  it('rounds tokenRetries down', () => {
    expect(resolveOptions({ ...base, tokenRetries: 2.9 }).tokenRetries).toBe(2)
  })

  it('accepts fetchToken instead of tokenEndpoint', () => {
    const resolved = resolveOptions({ appId: 'app1', region: 'us', fetchToken })
    expect(resolved.fetchToken).toBe(fetchToken)
    expect(resolved.tokenEndpoint).toBeUndefined()
  })

  it('requires appId and region', () => {
    for (const bad of [{ appId: '' }, { region: '' }, { appId: undefined }, { region: 7 }]) {
      expect(refusal(bad as Partial<CallsSessionOptions>)).toBe(
        'callsession: appId and region are required',
      )
    }
  })

  it('requires exactly one of tokenEndpoint and fetchToken', () => {
    const message = 'callsession: give exactly one of tokenEndpoint and fetchToken'
    expect(refusal({ fetchToken })).toBe(message)
    expect(refusal({ tokenEndpoint: undefined })).toBe(message)
    expect(refusal({ tokenEndpoint: '' })).toBe(message)
  })

  it('refuses an empty or non-string host', () => {
    expect(refusal({ host: '' })).toBe('callsession: host must be a URL')
    expect(refusal({ clientHost: '' })).toBe('callsession: clientHost must be a URL')
    expect(refusal({ adminHost: 42 } as unknown as Partial<CallsSessionOptions>)).toBe(
      'callsession: adminHost must be a URL',
    )
  })

  it.each([
    ['refreshLeewaySeconds', -1, 'refreshLeewaySeconds must be a finite number ≥ 0'],
    [
      'refreshLeewaySeconds',
      Number.POSITIVE_INFINITY,
      'refreshLeewaySeconds must be a finite number ≥ 0',
    ],
    ['tokenRetries', -0.5, 'tokenRetries must be a finite number ≥ 0'],
    ['tokenRetries', Number.NaN, 'tokenRetries must be a finite number ≥ 0'],
    ['tokenTimeoutMs', 0.5, 'tokenTimeoutMs must be a finite number ≥ 1'],
    ['tokenTimeoutMs', '5000', 'tokenTimeoutMs must be a finite number ≥ 1'],
  ])('refuses %s = %s', (name, value, message) => {
    expect(refusal({ [name]: value } as Partial<CallsSessionOptions>)).toBe(
      `callsession: ${message}`,
    )
  })

  it('debug is on only when asked for, outside production', () => {
    expect(resolveOptions({ ...base, debug: true }).debug).toBe(true)
    expect(resolveOptions({ ...base, debug: 'yes' } as unknown as CallsSessionOptions).debug).toBe(
      false,
    )
    vi.stubEnv('NODE_ENV', 'production')
    expect(resolveOptions({ ...base, debug: true }).debug).toBe(false)
  })
})
