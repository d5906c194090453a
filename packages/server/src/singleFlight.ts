/** Shares one in-flight promise per key between concurrent callers. */
export function createSingleFlight<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>()
  return (key, run) => {
    const current = inFlight.get(key)
    if (current) return current
    const promise = run().finally(() => inFlight.delete(key))
    inFlight.set(key, promise)
    return promise
  }
}
