import { afterEach, describe, expect, it, vi } from 'vitest'
import { openTabChannel, type TabMessage, withTabLock } from '../tabChannel.js'

// Node's real BroadcastChannel: two channels of one name are two tabs.
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  vi.unstubAllGlobals()
})

const grant: TabMessage = {
  type: 'grant',
  uid: 'alice',
  authToken: 'alice_x',
  expiresAt: 2_000,
  receivedAt: 1_000,
  user: { uid: 'alice', name: 'Alice' },
}
const logout: TabMessage = { type: 'logout', uid: 'alice' }

/** A tab listening on `name`, and a raw channel to post anything to it; `received` ends with `last`. */
function tabs(name: string) {
  const received: TabMessage[] = []
  let waiting: (() => void) | undefined
  const tab = openTabChannel(name, (message) => {
    received.push(message)
    waiting?.()
  })
  const raw = new BroadcastChannel(name)
  cleanups.push(
    () => tab.close(),
    () => raw.close(),
  )
  /** Posts `messages` then a final logout for `zed`; resolves when that one has arrived. */
  const deliver = async (messages: unknown[]) => {
    const done = new Promise<void>((resolve) => {
      waiting = () => received.at(-1)?.uid === 'zed' && resolve()
    })
    for (const message of messages) raw.postMessage(message)
    raw.postMessage({ type: 'logout', uid: 'zed' })
    await done
    return received.slice(0, -1)
  }
  return { tab, raw, deliver }
}

describe('openTabChannel', () => {
  it('delivers well-formed grants and logouts, as sent', async () => {
    const { deliver } = tabs('unit-good')
    const minimal = { type: 'grant', uid: 'bob', authToken: 't', receivedAt: 0 }
    expect(await deliver([grant, logout, minimal])).toEqual([grant, logout, minimal])
  })

  it('drops anything that is not a well-formed message', async () => {
    const { deliver } = tabs('unit-bad')
    const garbage = [
      null,
      'logout',
      42,
      {},
      { type: 'logout' },
      { type: 'logout', uid: 7 },
      { type: 'grant', uid: 'alice', receivedAt: 1 },
      { type: 'grant', uid: 'alice', authToken: 7, receivedAt: 1 },
      { type: 'grant', uid: 'alice', authToken: 'x' },
      { type: 'grant', uid: 'alice', authToken: 'x', receivedAt: '1' },
      { type: 'grant', authToken: 'x', receivedAt: 1 },
      { type: 'other', uid: 'alice', authToken: 'x', receivedAt: 1 },
    ]
    expect(await deliver(garbage)).toEqual([])
  })

  it('posts to the other tabs, and stops hearing once closed', async () => {
    const heard: TabMessage[] = []
    const other = new BroadcastChannel('unit-post')
    cleanups.push(() => other.close())
    const arrived = new Promise<void>((resolve) => {
      other.onmessage = ({ data }: MessageEvent<TabMessage>) => {
        heard.push(data)
        resolve()
      }
    })
    const tab = openTabChannel('unit-post', () => {})
    tab.post(grant)
    await arrived
    expect(heard).toEqual([grant])
    tab.close()
    expect(() => tab.post(logout)).toThrow()
  })

  it('without BroadcastChannel is a silent stand-in', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    const onMessage = vi.fn()
    const tab = openTabChannel('unit-none', onMessage)
    expect(() => tab.post(grant)).not.toThrow()
    expect(() => tab.close()).not.toThrow()
    expect(onMessage).not.toHaveBeenCalled()
  })
})

describe('withTabLock', () => {
  it('without Web Locks, just runs the task and answers true', async () => {
    const task = vi.fn(async () => {})
    await expect(withTabLock('lock', task, true)).resolves.toBe(true)
    expect(task).toHaveBeenCalledOnce()
  })

  it('asks the lock manager by name, passing ifAvailable', async () => {
    const request = vi.fn(
      (_: string, __: { ifAvailable?: boolean }, callback: (lock: unknown) => unknown) =>
        Promise.resolve(callback({})),
    )
    vi.stubGlobal('navigator', { locks: { request } })
    const task = vi.fn(async () => {})
    await expect(withTabLock('callsession:app1', task, true)).resolves.toBe(true)
    expect(request).toHaveBeenCalledWith(
      'callsession:app1',
      { ifAvailable: true },
      expect.any(Function),
    )
    expect(task).toHaveBeenCalledOnce()
  })

  it('answers null without running the task when the lock is held elsewhere', async () => {
    const request = vi.fn(
      (_: string, __: { ifAvailable?: boolean }, callback: (lock: unknown) => unknown) =>
        Promise.resolve(callback(null)),
    )
    vi.stubGlobal('navigator', { locks: { request } })
    const task = vi.fn(async () => {})
    await expect(withTabLock('lock', task, true)).resolves.toBeNull()
    expect(task).not.toHaveBeenCalled()
  })

  it('passes a failing task on', async () => {
    const boom = new Error('boom')
    await expect(withTabLock('lock', () => Promise.reject(boom))).rejects.toBe(boom)
  })

  it('without a navigator at all, just runs the task', async () => {
    vi.stubGlobal('navigator', undefined)
    await expect(withTabLock('lock', async () => {})).resolves.toBe(true)
  })
})
