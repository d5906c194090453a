import { describe, expect, it, vi } from 'vitest'
import { type CallsSessionEvent, createEmitter } from '../sessionEvents.js'

const signedIn: CallsSessionEvent = { type: 'SIGNED_IN', source: 'token', at: 1, uid: 'alice' }
const signedOut: CallsSessionEvent = { type: 'SIGNED_OUT', reason: 'user', at: 2, uid: 'alice' }

describe('createEmitter', () => {
  it('hands every event to every listener, in order', () => {
    const emitter = createEmitter(false)
    const a = vi.fn()
    const b = vi.fn()
    emitter.on(a)
    emitter.on(b)
    emitter.emit(signedIn)
    emitter.emit(signedOut)
    expect(a.mock.calls).toEqual([[signedIn], [signedOut]])
    expect(b.mock.calls).toEqual([[signedIn], [signedOut]])
  })

  it('stops calling a listener once it unsubscribes', () => {
    const emitter = createEmitter(false)
    const listener = vi.fn()
    const off = emitter.on(listener)
    emitter.emit(signedIn)
    expect(off()).toBeUndefined()
    emitter.emit(signedOut)
    expect(listener.mock.calls).toEqual([[signedIn]])
  })

  it('a listener that throws breaks neither the emit nor the other listeners', () => {
    const emitter = createEmitter(false)
    const after = vi.fn()
    emitter.on(() => {
      throw new Error('app bug')
    })
    emitter.on(after)
    expect(() => emitter.emit(signedIn)).not.toThrow()
    expect(after).toHaveBeenCalledWith(signedIn)
  })

  it('a listener added during an emit hears only the next event', () => {
    const emitter = createEmitter(false)
    const late = vi.fn()
    emitter.on(() => {
      emitter.on(late)
    })
    emitter.emit(signedIn)
    expect(late).not.toHaveBeenCalled()
    emitter.emit(signedOut)
    expect(late).toHaveBeenCalledWith(signedOut)
  })

  it('with debug, logs each event to console.debug', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    createEmitter(true).emit(signedIn)
    expect(debug.mock.calls).toEqual([['[callsession]', 'SIGNED_IN', signedIn]])
  })

  it('without debug, logs nothing', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    createEmitter(false).emit(signedIn)
    expect(debug).not.toHaveBeenCalled()
  })
})
