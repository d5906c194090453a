type Callback = (lock: { name: string } | null) => unknown

/**
 * `navigator.locks` for tabs simulated in one process (jsdom has none): exclusive locks granted in
 * request order; `ifAvailable` gets `null` while the lock is held, as the Web Locks spec says.
 * Returns the uninstall function, which also tells when `n` lock requests have been made (so a
 * test can hold the leader's work until every tab has asked).
 */
export function installFakeLocks(): (() => void) & { requested(n: number): Promise<void> } {
  const held = new Map<string, Promise<unknown>>()
  let requests = 0
  const waiting: { n: number; resolve: () => void }[] = []
  const locks = {
    request(name: string, options: { ifAvailable?: boolean }, callback: Callback) {
      requests++
      for (const wait of waiting.filter((w) => w.n <= requests)) {
        waiting.splice(waiting.indexOf(wait), 1)
        wait.resolve()
      }
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
  const uninstall = () => {
    Reflect.deleteProperty(navigator, 'locks')
  }
  return Object.assign(uninstall, {
    requested: (n: number) =>
      requests >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ n, resolve })),
  })
}
