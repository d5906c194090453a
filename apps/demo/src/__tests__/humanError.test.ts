import { CallsSessionError, type CallsSessionErrorCode } from '@callsession/react'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../api.js'
import { CALLS_SESSION_ERROR_TEXT, humanError } from '../messages/humanError.js'

const codes = Object.keys(CALLS_SESSION_ERROR_TEXT) as CallsSessionErrorCode[]

describe('humanError', () => {
  it.each(codes)('%s reads as what happened and what to do, never as "CODE: CODE"', (code) => {
    const { what, todo } = humanError(new CallsSessionError(code))
    expect(what).not.toContain(code)
    expect(what.length).toBeGreaterThan(20)
    expect(todo.length).toBeGreaterThan(5)
  })

  it('keeps a technical message as a detail of the code, not as the sentence', () => {
    const error = new CallsSessionError('TOKEN_ENDPOINT_ERROR', 'Token endpoint answered 503')
    expect(humanError(error).code).toBe('TOKEN_ENDPOINT_ERROR (Token endpoint answered 503)')
    expect(humanError(new CallsSessionError('UID_MISMATCH')).code).toBe('UID_MISMATCH')
  })

  it('uses the backend’s own words for its errors, and adds what to do', () => {
    const error = new ApiError(400, 'INVALID_FILE', 'no uid column')
    expect(humanError(error)).toEqual({
      what: 'No uid column.',
      todo: 'Fix the file and import again.',
      code: 'INVALID_FILE',
    })
  })

  it('a backend error without a message says who refused, not the code twice', () => {
    const { what } = humanError(new ApiError(403, 'FORBIDDEN', 'FORBIDDEN'))
    expect(what).toBe('The server refused (403).')
  })
})
