import { describe, expect, it } from 'vitest'
import { CallsSessionError, isCallsSessionError } from '../errors.js'

describe('CallsSessionError', () => {
  it('is an Error named CallsSessionError whose message defaults to its code', () => {
    const error = new CallsSessionError('TIMEOUT')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CallsSessionError')
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toBe('TIMEOUT')
    expect(error.status).toBeUndefined()
    expect(error.cause).toBeUndefined()
    expect(String(error)).toBe('CallsSessionError: TIMEOUT')
  })

  it('keeps a given message, status and cause', () => {
    const cause = new TypeError('Failed to fetch')
    const error = new CallsSessionError('TOKEN_ENDPOINT_ERROR', 'Token endpoint answered 503', {
      status: 503,
      cause,
    })
    expect(error.message).toBe('Token endpoint answered 503')
    expect(error.status).toBe(503)
    expect(error.cause).toBe(cause)
    expect(error.code).toBe('TOKEN_ENDPOINT_ERROR')
  })

  it('an empty message stays empty', () => {
    expect(new CallsSessionError('ABORTED', '').message).toBe('')
  })
})

describe('isCallsSessionError', () => {
  it('is true only for a CallsSessionError', () => {
    expect(isCallsSessionError(new CallsSessionError('ABORTED'))).toBe(true)
    expect(isCallsSessionError(new Error('ABORTED'))).toBe(false)
    expect(isCallsSessionError({ name: 'CallsSessionError', code: 'ABORTED' })).toBe(false)
    expect(isCallsSessionError(undefined)).toBe(false)
    expect(isCallsSessionError('ABORTED')).toBe(false)
  })
})
