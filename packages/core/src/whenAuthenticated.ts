import type { StoreApi } from 'zustand/vanilla'
import type { CallsSessionState, CallsUser } from './state.js'

const ignore = () => {}

/**
 * `session.whenAuthenticated()`: resolves with the user once signed in, rejects with the error if
 * the session fails first. The same promise until the state changes, so React's `use()` can hold it.
 * `signedIn` says whether the current state counts (a hydrated, unconfirmed one does not).
 */
export function createWhenAuthenticated(
  store: StoreApi<CallsSessionState>,
  signedIn: () => { user: CallsUser } | undefined,
) {
  let waiting:
    | { promise: Promise<CallsUser>; resolve(user: CallsUser): void; reject(e: unknown): void }
    | undefined
  let settled: { user: CallsUser; promise: Promise<CallsUser> } | undefined
  store.subscribe((state) => {
    const current = signedIn()
    if (current) waiting?.resolve(current.user)
    else if (state.status === 'error') waiting?.reject(state.error)
    else return
    waiting = undefined
  })
  return (): Promise<CallsUser> => {
    const current = signedIn()
    if (current) {
      if (settled?.user !== current.user) {
        settled = { user: current.user, promise: Promise.resolve(current.user) }
      }
      return settled.promise
    }
    if (!waiting) {
      let resolve: (user: CallsUser) => void = ignore
      let reject: (error: unknown) => void = ignore
      const promise = new Promise<CallsUser>((yes, no) => {
        resolve = yes
        reject = no
      })
      promise.catch(ignore) // nobody may be waiting: not an unhandled rejection
      waiting = { promise, resolve, reject }
    }
    return waiting.promise
  }
}
