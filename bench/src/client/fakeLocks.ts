type LockCallback = (lock: { name: string; mode: 'exclusive' } | null) => unknown

/**
 * A fake `navigator.locks` shared by every "tab" in the process: exclusive locks granted in request
 * order, `ifAvailable` answered with `null` while held (the Web Locks semantics core relies on).
 */
export function createFakeLockManager() {
  const held = new Map<string, Promise<unknown>>()
  return {
    request(
      name: string,
      optionsOrCallback: { ifAvailable?: boolean; signal?: AbortSignal } | LockCallback,
      maybeCallback?: LockCallback,
    ): Promise<unknown> {
      const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback
      const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback
      if (callback === undefined) return Promise.reject(new TypeError('no callback'))
      const previous = held.get(name)
      if (options.ifAvailable && previous !== undefined) return Promise.resolve(callback(null))
      const run = (previous ?? Promise.resolve()).then(() => callback({ name, mode: 'exclusive' }))
      const settled = run.then(
        () => undefined,
        () => undefined,
      )
      held.set(name, settled)
      void settled.then(() => {
        if (held.get(name) === settled) held.delete(name)
      })
      return run
    },
    query: async () => ({ held: [], pending: [] }),
  }
}

/** Puts one shared fake lock manager at `navigator.locks`; returns the undo function. */
export function installFakeLocks(): () => void {
  const locks = createFakeLockManager()
  const global = globalThis as { navigator?: object }
  if (global.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true })
    return () => {
      Reflect.deleteProperty(globalThis, 'navigator')
    }
  }
  const navigator = global.navigator
  const previous = Object.getOwnPropertyDescriptor(navigator, 'locks')
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
  return () => {
    if (previous) Object.defineProperty(navigator, 'locks', previous)
    else Reflect.deleteProperty(navigator, 'locks')
  }
}
