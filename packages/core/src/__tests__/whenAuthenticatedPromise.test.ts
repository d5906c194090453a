import { describe, expect, it } from 'vitest'
import { createStore } from 'zustand/vanilla'
import { CallsSessionError } from '../errors.js'
import type { CallsSessionState, CallsUser } from '../state.js'
import { createWhenAuthenticated } from '../whenAuthenticated.js'

/** A session store and the `whenAuthenticated` over it; signed in while the status says so. */
function setup(initial: CallsSessionState = { status: 'signed-out' }) {
  const store = createStore<CallsSessionState>(() => initial)
  const signedIn = () => {
    const state = store.getState()
    return state.status === 'authenticated' || state.status === 'refreshing'
      ? { user: state.user }
      : undefined
  }
  return { store, whenAuthenticated: createWhenAuthenticated(store, signedIn) }
}

/** Whether a promise has settled yet, without waiting for it. */
async function settled(promise: Promise<unknown>) {
  let done = false
  promise.then(
    () => {
      done = true
    },
    () => {
      done = true
    },
  )
  await Promise.resolve()
  await Promise.resolve()
  return done
}

const alice: CallsUser = { uid: 'alice', name: 'Alice' }

describe('whenAuthenticated()', () => {
  it('waits with one promise until the session signs in, then resolves it with the user', async () => {
    const { store, whenAuthenticated } = setup()
    const waiting = whenAuthenticated()
    expect(whenAuthenticated()).toBe(waiting)
    store.setState({ status: 'authenticating', uid: 'alice' })
    expect(await settled(waiting)).toBe(false)
    expect(whenAuthenticated()).toBe(waiting)
    store.setState({ status: 'authenticated', user: alice })
    await expect(waiting).resolves.toBe(alice)
  })

  it('rejects with the error when the session fails first; the next call waits afresh', async () => {
    const { store, whenAuthenticated } = setup({ status: 'authenticating' })
    const waiting = whenAuthenticated()
    const error = new CallsSessionError('UNAUTHORIZED')
    store.setState({ status: 'error', error })
    await expect(waiting).rejects.toBe(error)
    const again = whenAuthenticated()
    expect(again).not.toBe(waiting)
    store.setState({ status: 'authenticated', user: alice })
    await expect(again).resolves.toBe(alice)
  })

  it('a sign-out while waiting neither resolves nor rejects', async () => {
    const { store, whenAuthenticated } = setup({ status: 'authenticating' })
    const waiting = whenAuthenticated()
    store.setState({ status: 'signed-out' })
    expect(await settled(waiting)).toBe(false)
    expect(whenAuthenticated()).toBe(waiting)
  })

  it('signed in: the same resolved promise until the user changes', async () => {
    const { store, whenAuthenticated } = setup({ status: 'authenticated', user: alice })
    const first = whenAuthenticated()
    await expect(first).resolves.toBe(alice)
    store.setState({ status: 'refreshing', user: alice })
    expect(whenAuthenticated()).toBe(first)
    const renamed = { ...alice, name: 'Alice B.' }
    store.setState({ status: 'authenticated', user: renamed })
    const second = whenAuthenticated()
    expect(second).not.toBe(first)
    await expect(second).resolves.toBe(renamed)
    expect(whenAuthenticated()).toBe(second)
  })

  it('a promise nobody holds any more fails without an unhandled rejection', async () => {
    const { store, whenAuthenticated } = setup({ status: 'authenticating' })
    void whenAuthenticated() // e.g. a component that unmounted
    store.setState({ status: 'error', error: new CallsSessionError('UNAUTHORIZED') })
    expect(store.getState().status).toBe('error')
  })
})
