import { CallsSessionError, type CallsSessionState } from '@callsession/react'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../api.js'
import { expiryReport } from '../messages/expiryReport.js'

const user = { uid: 'cometchat-uid-1' }
const authenticated = (expiresAt: number): CallsSessionState => ({
  status: 'authenticated',
  user,
  expiresAt,
})
const refreshing: CallsSessionState = { status: 'refreshing', user, expiresAt: 1 }

describe('expiryReport', () => {
  it('a refused token that was refreshed reads as such, with the states seen', () => {
    const report = expiryReport({
      before: authenticated(1),
      seen: [refreshing, authenticated(2)],
      failure: undefined,
      tookMs: 42,
    })
    expect(report.tone).toBe('ok')
    expect(report.path).toBe('authenticated → refreshing → authenticated')
    expect(report.text).toContain('refused the old token')
    expect(report.text).toContain('42 ms')
  })

  it('no refresh seen: it does not claim one happened', () => {
    const report = expiryReport({
      before: authenticated(1),
      seen: [],
      failure: undefined,
      tookMs: 5,
    })
    expect(report.tone).toBe('warn')
    expect(report.path).toBe('authenticated')
    expect(report.text).not.toContain('refused')
  })

  it('a session that ended in error says so, in words', () => {
    const error = new CallsSessionError('TOKEN_REJECTED')
    const report = expiryReport({
      before: authenticated(1),
      seen: [refreshing, { status: 'error', error }],
      failure: error,
      tookMs: 9,
    })
    expect(report.tone).toBe('bad')
    expect(report.path).toBe('authenticated → refreshing → error')
    expect(report.text).toContain('CometChat refused the auth token, and a fresh one too.')
  })

  it('the expiry itself failing leaves the session untouched, and says so', () => {
    const report = expiryReport({
      before: authenticated(1),
      seen: [],
      failure: new ApiError(401, 'UNAUTHORIZED', 'unauthorized'),
      tookMs: 3,
    })
    expect(report.text).toContain('could not be expired')
    expect(report.text).toContain('not touched')
  })
})
