/**
 * A signal that aborts when `parent` aborts or after `ms` (reason: a `TimeoutError`), and a
 * `dispose` that clears the timer. Built by hand rather than `AbortSignal.any([…,
 * AbortSignal.timeout(ms)])`: on Node 20 a timeout signal held only by `any` can be garbage
 * collected before it fires, and the request then hangs forever.
 */
export function deadlineSignal(
  parent: AbortSignal | undefined,
  ms: number,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(new DOMException(`deadline of ${Math.round(ms)} ms`, 'TimeoutError')),
    Math.max(0, ms),
  )
  const forward = () => controller.abort(parent?.reason)
  if (parent?.aborted) forward()
  else parent?.addEventListener('abort', forward, { once: true })
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer)
      parent?.removeEventListener('abort', forward)
    },
  }
}
