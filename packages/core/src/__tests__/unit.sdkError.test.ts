import { describe, expect, it } from 'vitest'
import { CallsSessionError } from '../errors.js'
import { guard, isTokenRejection, redact, sdkErrorCode, toSdkError } from '../sdk/sdkError.js'

const TOKEN = 'alice_0123456789abcdef0123456789abcdef01234567'

describe('sdkErrorCode', () => {
  it('reads v5 errorCode before 4.x code', () => {
    expect(sdkErrorCode({ errorCode: 'ERROR_UNKNOWN', code: 'AUTH_ERR' })).toBe('ERROR_UNKNOWN')
    expect(sdkErrorCode({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' })).toBe(
      'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
    )
    expect(sdkErrorCode({ errorCode: '', code: 'AUTH_ERR' })).toBe('AUTH_ERR')
  })

  it('is empty for anything without a string code', () => {
    for (const error of [undefined, null, 'boom', 42, {}, { code: 401 }, { errorCode: {} }]) {
      expect(sdkErrorCode(error)).toBe('')
    }
  })
})

describe('toSdkError: what a failure means', () => {
  it.each([
    ['v5 token login refused', 'Authentication failed: invalid token', 'TOKEN_REJECTED'],
    ['v5 call token refused', 'Token generation failed: expired', 'TOKEN_REJECTED'],
    ['v5 login refused', 'Login failed: user deactivated', 'TOKEN_REJECTED'],
    ['v5 network', 'Authentication failed: Failed to fetch', 'NETWORK_ERROR'],
    ['Firefox network', 'NetworkError when attempting to fetch resource.', 'NETWORK_ERROR'],
    ['React Native network', 'Network request failed', 'NETWORK_ERROR'],
    ['Safari network', 'Load failed', 'NETWORK_ERROR'],
    ['Node refused', 'connect ECONNREFUSED 127.0.0.1:80', 'NETWORK_ERROR'],
    ['Node timeout', 'read ETIMEDOUT', 'NETWORK_ERROR'],
    ['refusal not at the start', 'Oops. Authentication failed: x', 'SDK_ERROR'],
    ['refusal without a colon', 'Authentication failed', 'SDK_ERROR'],
    ['anything else', 'Something broke', 'SDK_ERROR'],
  ])('ERROR_UNKNOWN, %s', (_, errorDescription, code) => {
    expect(toSdkError({ errorCode: 'ERROR_UNKNOWN', errorDescription }).code).toBe(code)
  })

  it.each([
    ['ERROR_SDK_NOT_INITIALIZED', 'SDK_INIT_FAILED'],
    ['ERROR_BLANK_AUTHTOKEN', 'INVALID_TOKEN_RESPONSE'],
    ['ERROR_AUTHTOKEN_WITH_SPACE', 'INVALID_TOKEN_RESPONSE'],
    ['ERROR_AUTH_TOKEN_MISSING', 'NOT_AUTHENTICATED'],
    ['ERROR_NO_USER_LOGGED_IN', 'NOT_AUTHENTICATED'],
    ['ERROR_INVALID_UID', 'INVALID_UID'],
    ['ERROR_UID_WITH_SPACE', 'INVALID_UID'],
    ['ERROR_API_KEY_NOT_FOUND', 'UNAUTHORIZED'],
  ])('v5 %s is %s', (errorCode, code) => {
    expect(toSdkError({ errorCode, errorDescription: 'x' }).code).toBe(code)
  })

  it.each([
    'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
    'ERR_TOKEN_EXPIRED',
    'ERR_USER_DEACTIVATED',
    'ERR_UID_NOT_FOUND',
    'UNAUTHORIZED',
    'unauthorised',
  ])('4.x %s is TOKEN_REJECTED', (code) => {
    expect(toSdkError({ code, message: 'x' }).code).toBe('TOKEN_REJECTED')
  })

  it.each(['ERR_BAD_REQUEST', 'ERROR_UNKNOWN_THING', ''])('%j is SDK_ERROR', (code) => {
    expect(toSdkError({ code, message: 'x' }).code).toBe('SDK_ERROR')
  })

  // A code naming an Object.prototype member must not map to that function.
  it.each(['toString', 'constructor', 'hasOwnProperty'])('%j is SDK_ERROR', (code) => {
    expect(toSdkError({ code, message: 'x' }).code).toBe('SDK_ERROR')
  })

  it('network text only counts under ERROR_UNKNOWN', () => {
    expect(toSdkError({ code: 'ERR_X', message: 'Failed to fetch' }).code).toBe('SDK_ERROR')
  })

  it('passes a CallsSessionError through as it is', () => {
    const original = new CallsSessionError('ABORTED')
    expect(toSdkError(original, [TOKEN])).toBe(original)
  })
})

describe('toSdkError: message and cause', () => {
  it('is the code then what the SDK said', () => {
    const error = toSdkError({ errorCode: 'ERROR_UNKNOWN', errorDescription: 'Something broke' })
    expect(error).toBeInstanceOf(CallsSessionError)
    expect(error.message).toBe('ERROR_UNKNOWN: Something broke')
    expect(error.cause).toEqual({ errorCode: 'ERROR_UNKNOWN', errorDescription: 'Something broke' })
    expect(error.status).toBeUndefined()
  })

  it('prefers v5 errorDescription over message', () => {
    expect(toSdkError({ errorCode: 'E', errorDescription: 'said', message: 'other' }).message).toBe(
      'E: said',
    )
    expect(toSdkError({ code: 'E', message: 'said' }).message).toBe('E: said')
  })

  it('is just one of them when the other is missing', () => {
    expect(toSdkError({ code: 'ERR_X' }).message).toBe('ERR_X')
    expect(toSdkError({ message: 'only text' }).message).toBe('only text')
  })

  it('says the SDK failed when it said nothing', () => {
    for (const error of [undefined, null, {}, 'boom', { code: 1, message: 2 }]) {
      const mapped = toSdkError(error)
      expect(mapped.message).toBe('The Calls SDK failed')
      expect(mapped.code).toBe('SDK_ERROR')
      expect(mapped.cause).toEqual({ errorCode: '', errorDescription: '' })
    }
  })

  it('redacts the given secrets and anything token-shaped, in message and cause', () => {
    const error = toSdkError(
      {
        errorCode: 'ERROR_UNKNOWN',
        errorDescription: `Authentication failed: ${TOKEN} and s3cr3t and bob_abcdefabcdefabcdefabcdefab`,
      },
      ['s3cr3t'],
    )
    expect(error.message).toBe(
      'ERROR_UNKNOWN: Authentication failed: [redacted] and [redacted] and [redacted]',
    )
    expect(error.cause).toEqual({
      errorCode: 'ERROR_UNKNOWN',
      errorDescription: 'Authentication failed: [redacted] and [redacted] and [redacted]',
    })
    expect(error.code).toBe('TOKEN_REJECTED')
  })

  it('classifies on what the SDK said, not on the redacted text', () => {
    const error = toSdkError(
      { errorCode: 'ERROR_UNKNOWN', errorDescription: 'Login failed: nope' },
      ['Login failed'],
    )
    expect(error.code).toBe('TOKEN_REJECTED')
    expect(error.message).toBe('ERROR_UNKNOWN: [redacted]: nope')
  })
})

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redact('a-x-a-y', ['a', 'y'])).toBe('[redacted]-x-[redacted]-[redacted]')
  })

  it('ignores empty secrets', () => {
    expect(redact('abc', [''])).toBe('abc')
    expect(redact('abc')).toBe('abc')
  })

  it('redacts uid_ plus 24 or more hex digits, any case, not 23', () => {
    expect(redact(`token ${'u_'}${'a'.repeat(24)}.`)).toBe('token [redacted].')
    expect(redact(`u-1_${'ABCDEF0123'.repeat(3)}`)).toBe('[redacted]')
    expect(redact(`u_${'a'.repeat(23)}`)).toBe(`u_${'a'.repeat(23)}`)
    expect(redact(`u_${'g'.repeat(30)}`)).toBe(`u_${'g'.repeat(30)}`)
  })

  it('redacts every token-shaped run, not just the first', () => {
    const t = `x_${'f'.repeat(24)}`
    expect(redact(`${t} ${t}`)).toBe('[redacted] [redacted]')
  })
})

describe('isTokenRejection', () => {
  it('is true for CometChat refusing the token, raw or mapped', () => {
    expect(isTokenRejection({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' })).toBe(true)
    expect(
      isTokenRejection({
        errorCode: 'ERROR_UNKNOWN',
        errorDescription: 'Authentication failed: x',
      }),
    ).toBe(true)
    expect(isTokenRejection(new CallsSessionError('TOKEN_REJECTED'))).toBe(true)
  })

  it('is false for anything else', () => {
    expect(
      isTokenRejection({ errorCode: 'ERROR_UNKNOWN', errorDescription: 'Failed to fetch' }),
    ).toBe(false)
    expect(isTokenRejection({ code: 'ERR_BAD_REQUEST' })).toBe(false)
    expect(isTokenRejection(new CallsSessionError('NETWORK_ERROR'))).toBe(false)
    // A CallsSessionError is judged by its code, not by its message.
    expect(isTokenRejection(new CallsSessionError('SDK_ERROR', 'AUTH_TOKEN'))).toBe(false)
    expect(isTokenRejection(undefined)).toBe(false)
  })
})

describe('guard', () => {
  it('returns what the call returns, sync or async', async () => {
    await expect(guard(() => 7)).resolves.toBe(7)
    await expect(guard(async () => 'ok')).resolves.toBe('ok')
  })

  it('maps a throw and a rejection, redacting the secrets', async () => {
    const thrown = guard(() => {
      throw { code: 'ERR_TOKEN_EXPIRED', message: 'expired s3cr3t' }
    }, ['s3cr3t'])
    await expect(thrown).rejects.toMatchObject({
      name: 'CallsSessionError',
      code: 'TOKEN_REJECTED',
      message: 'ERR_TOKEN_EXPIRED: expired [redacted]',
    })
    const rejected = guard(() => Promise.reject({ errorCode: 'ERROR_INVALID_UID' }))
    await expect(rejected).rejects.toMatchObject({
      code: 'INVALID_UID',
      message: 'ERROR_INVALID_UID',
    })
  })
})
