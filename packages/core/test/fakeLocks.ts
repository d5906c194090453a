type Callback = (lock: { name: string } | null) => unknown

/**
 * `navigator.locks` for tabs simulated in one process: exclusive locks granted in request order;
 * `ifAvailable` gets `null` while the lock is held. Returns the uninstall function.
 */
export function installFakeLocks(): () => void {
  const held = new Map<string, Promise<unknown>>()
  const locks = {
    request(name: string, options: { ifAvailable?: boolean }, callback: Callback) {
      const previous = held.get(name)
      if (options.ifAvailable && previous) return Promise.resolve(callback(null))
      const run = (previous ?? Promise.resolve()).then(() => callback({ name }))
      const done = run.then(
        () => {},
        () => {},
      )
      held.set(name, done)
      void done.then(() => held.get(name) === done && held.delete(name))
      return run
    },
  }
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
  return () => {
    Reflect.deleteProperty(navigator, 'locks')
  }
}
