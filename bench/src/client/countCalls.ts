/** How many times each method of an object was called. */
export type CallCounts = Record<string, number>

/**
 * Wraps every method of `target` to count its calls, without changing what they do. Used on the
 * fake Calls SDK, so "SDK calls" means calls core made into the SDK (each may be a round trip).
 */
export function countCalls<T extends object>(target: T): { sdk: T; counts: CallCounts } {
  const counts: CallCounts = {}
  const sdk = new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver)
      if (typeof value !== 'function' || typeof key !== 'string' || /^[A-Z]/.test(key)) {
        return value
      }
      return (...args: unknown[]) => {
        counts[key] = (counts[key] ?? 0) + 1
        return (value as (...a: unknown[]) => unknown).apply(object, args)
      }
    },
  })
  return { sdk, counts }
}

/** Total calls across methods, optionally only the named ones. */
export function totalCalls(counts: CallCounts, only?: readonly string[]): number {
  return Object.entries(counts)
    .filter(([name]) => only === undefined || only.includes(name))
    .reduce((sum, [, count]) => sum + count, 0)
}
