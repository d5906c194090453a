// The page's Calls SDK for these tests: the faithful v5 model over HTTP against the emulator
// (test/cometchat.ts), with the counters the tests read.
import { createSdk } from './cometchat.js'

export function fakeSdk() {
  const calls: Record<string, number> = {}
  const model = createSdk()
  const sdk = new Proxy(model, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver)
      if (typeof value !== 'function' || typeof key !== 'string') return value
      return (...args: unknown[]) => {
        calls[key] = (calls[key] ?? 0) + 1
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return {
    sdk,
    /** Token logins (`loginWithAuthToken`, each a `PUT /me`). */
    logins: () => calls.loginWithAuthToken ?? 0,
    logouts: () => calls.logout ?? 0,
    loggedInUid: () => model.getLoggedInUser()?.uid ?? null,
  }
}
