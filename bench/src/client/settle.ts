import type { Clock } from '@sinonjs/fake-timers'

/**
 * Advances the fake clock in small steps until `promise` settles (at most `limitMs` of fake time),
 * then returns its outcome. Real macrotasks (BroadcastChannel messages) run between steps.
 */
export async function settle<T>(clock: Clock, promise: Promise<T>, limitMs = 60_000) {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined
  promise.then(
    (value) => {
      outcome = { ok: true, value }
    },
    (error: unknown) => {
      outcome = { ok: false, error }
    },
  )
  for (let elapsed = 0; outcome === undefined && elapsed <= limitMs; elapsed += 10) {
    await clock.tickAsync(10)
  }
  if (outcome === undefined) throw new Error(`did not settle within ${limitMs} ms of fake time`)
  if (!outcome.ok) throw outcome.error
  return outcome.value
}
