import { type Clock, withGlobal } from '@sinonjs/fake-timers'

/**
 * A fake clock for timers and `Date` (not microtasks, not `setImmediate`: promises and React's
 * scheduler keep running). Works the same under vitest and under `pnpm bench`.
 */
export function installClock(now = Date.UTC(2026, 0, 1)): Clock {
  return withGlobal(globalThis).install({
    now,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
}
