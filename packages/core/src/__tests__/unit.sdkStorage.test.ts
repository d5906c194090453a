import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  lifetimeKey,
  readLifetime,
  remove,
  savedSdkUid,
  sdkUserKey,
  writeLifetime,
} from '../sdk/sdkStorage.js'

// jsdom's real localStorage throughout: what is asserted is what lands at rest.
beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.unstubAllGlobals()
  localStorage.clear()
})

const refuse = (method: 'getItem' | 'setItem' | 'removeItem') =>
  vi.spyOn(Storage.prototype, method).mockImplementation(() => {
    throw new DOMException('The operation is insecure.', 'SecurityError')
  })

describe('keys', () => {
  it('are per app, in the SDK and core namespaces', () => {
    expect(sdkUserKey('app1')).toBe('app1:common_store/user')
    expect(lifetimeKey('app1')).toBe('callsession:app1:lifetime')
    expect(sdkUserKey('app2')).not.toBe(sdkUserKey('app1'))
    expect(lifetimeKey('app2')).not.toBe(lifetimeKey('app1'))
  })
})

describe('savedSdkUid', () => {
  it('reads the uid the SDK saved for this app', () => {
    localStorage.setItem(
      'app1:common_store/user',
      JSON.stringify({ uid: 'alice', name: 'Alice', authToken: 'alice_secret' }),
    )
    expect(savedSdkUid('app1')).toBe('alice')
    expect(savedSdkUid('app2')).toBeUndefined()
  })

  it('is undefined when nothing, or nothing usable, is saved', () => {
    expect(savedSdkUid('app1')).toBeUndefined()
    for (const raw of ['', 'not json', 'null', '"alice"', '{}', '{"uid":42}', '[]']) {
      localStorage.setItem('app1:common_store/user', raw)
      expect(savedSdkUid('app1')).toBeUndefined()
    }
  })

  it('is undefined when storage refuses to be read', () => {
    localStorage.setItem('app1:common_store/user', JSON.stringify({ uid: 'alice' }))
    refuse('getItem')
    expect(savedSdkUid('app1')).toBeUndefined()
  })
})

describe('readLifetime', () => {
  const key = 'callsession:app1:lifetime'

  it('reads uid, receivedAt and expiresAt, and nothing else', () => {
    localStorage.setItem(
      key,
      JSON.stringify({ uid: 'alice', receivedAt: 1_000, expiresAt: 61_000, authToken: 'x' }),
    )
    const record = readLifetime('app1')
    expect(record).toEqual({ uid: 'alice', receivedAt: 1_000, expiresAt: 61_000 })
    expect(Object.keys(record ?? {})).toEqual(['uid', 'receivedAt', 'expiresAt'])
  })

  it('a missing or non-numeric expiresAt reads as undefined', () => {
    for (const expiresAt of [undefined, null, '61000', true]) {
      localStorage.setItem(key, JSON.stringify({ uid: 'alice', receivedAt: 1_000, expiresAt }))
      expect(readLifetime('app1')).toEqual({
        uid: 'alice',
        receivedAt: 1_000,
        expiresAt: undefined,
      })
    }
  })

  it.each([
    ['nothing saved', null],
    ['an empty string', ''],
    ['not JSON', '{uid:'],
    ['null', 'null'],
    ['a number', '42'],
    ['no uid', '{"receivedAt":1000}'],
    ['a numeric uid', '{"uid":7,"receivedAt":1000}'],
    ['no receivedAt', '{"uid":"alice","expiresAt":61000}'],
    ['a string receivedAt', '{"uid":"alice","receivedAt":"1000"}'],
    ['a null receivedAt', '{"uid":"alice","receivedAt":null}'],
  ])('rejects %s', (_, raw) => {
    if (raw !== null) localStorage.setItem(key, raw)
    expect(readLifetime('app1')).toBeUndefined()
  })

  it('reads only its own app', () => {
    localStorage.setItem(key, JSON.stringify({ uid: 'alice', receivedAt: 1, expiresAt: 2 }))
    expect(readLifetime('app2')).toBeUndefined()
  })

  it('is undefined when storage refuses to be read', () => {
    localStorage.setItem(key, JSON.stringify({ uid: 'alice', receivedAt: 1, expiresAt: 2 }))
    refuse('getItem')
    expect(readLifetime('app1')).toBeUndefined()
  })
})

describe('writeLifetime', () => {
  it('writes exactly uid, receivedAt and expiresAt under the lifetime key', () => {
    const record = { uid: 'alice', receivedAt: 1_000, expiresAt: 61_000, authToken: 'alice_secret' }
    writeLifetime('app1', record)
    expect(localStorage.getItem('callsession:app1:lifetime')).toBe(
      '{"uid":"alice","receivedAt":1000,"expiresAt":61000}',
    )
    expect(localStorage).toHaveLength(1)
  })

  it('leaves an unknown expiresAt out, and reads back as written', () => {
    writeLifetime('app1', { uid: 'alice', receivedAt: 1_000, expiresAt: undefined })
    expect(localStorage.getItem('callsession:app1:lifetime')).toBe(
      '{"uid":"alice","receivedAt":1000}',
    )
    expect(readLifetime('app1')).toEqual({ uid: 'alice', receivedAt: 1_000, expiresAt: undefined })
  })

  it('replaces the previous record', () => {
    writeLifetime('app1', { uid: 'alice', receivedAt: 1, expiresAt: 2 })
    writeLifetime('app1', { uid: 'bob', receivedAt: 3, expiresAt: 4 })
    expect(readLifetime('app1')).toEqual({ uid: 'bob', receivedAt: 3, expiresAt: 4 })
  })

  it('storage that refuses to be written is ignored', () => {
    const setItem = refuse('setItem')
    expect(() => writeLifetime('app1', { uid: 'alice', receivedAt: 1, expiresAt: 2 })).not.toThrow()
    expect(setItem).toHaveBeenCalledOnce()
    expect(localStorage).toHaveLength(0)
  })
})

describe('remove', () => {
  it('removes only that key', () => {
    localStorage.setItem('app1:common_store/user', '{"uid":"alice"}')
    localStorage.setItem('callsession:app1:lifetime', '{"uid":"alice","receivedAt":1}')
    remove(sdkUserKey('app1'))
    expect(localStorage.getItem('app1:common_store/user')).toBeNull()
    expect(localStorage.getItem('callsession:app1:lifetime')).toBe('{"uid":"alice","receivedAt":1}')
  })

  it('removing what is not there is fine', () => {
    expect(() => remove('nothing-here')).not.toThrow()
  })

  it('storage that refuses is ignored', () => {
    localStorage.setItem('k', 'v')
    const removeItem = refuse('removeItem')
    expect(() => remove('k')).not.toThrow()
    expect(removeItem).toHaveBeenCalledWith('k')
  })
})

describe('without storage', () => {
  it('no localStorage at all (SSR): reads are undefined, writes do nothing', () => {
    vi.stubGlobal('localStorage', undefined)
    expect(savedSdkUid('app1')).toBeUndefined()
    expect(readLifetime('app1')).toBeUndefined()
    expect(() => writeLifetime('app1', { uid: 'a', receivedAt: 1, expiresAt: 2 })).not.toThrow()
    expect(() => remove('k')).not.toThrow()
  })

  it('a localStorage getter that throws (storage disabled) is absent storage', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')
    localStorage.setItem('callsession:app1:lifetime', '{"uid":"alice","receivedAt":1}')
    localStorage.setItem('app1:common_store/user', '{"uid":"alice"}')
    const real = localStorage
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied', 'SecurityError')
      },
    })
    try {
      expect(savedSdkUid('app1')).toBeUndefined()
      expect(readLifetime('app1')).toBeUndefined()
      expect(() => writeLifetime('app1', { uid: 'b', receivedAt: 2, expiresAt: 3 })).not.toThrow()
      expect(() => remove('app1:common_store/user')).not.toThrow()
    } finally {
      if (saved) Object.defineProperty(globalThis, 'localStorage', saved)
    }
    expect(real.getItem('callsession:app1:lifetime')).toBe('{"uid":"alice","receivedAt":1}')
    expect(localStorage.getItem('app1:common_store/user')).toBe('{"uid":"alice"}')
  })
})
