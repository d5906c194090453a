const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `14:03:22.518`: a moment on this browser's clock, to the millisecond. */
export function formatClock(at: number): string {
  const d = new Date(at)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** `812 ms`, `4.2 s`, `3 min 5 s`, `2 h 10 min`: a duration, short. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < 1000) return `${Math.round(ms)} ms`
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const seconds = Math.round(abs / 1000)
  const sign = ms < 0 ? '-' : ''
  if (seconds < 3600) return `${sign}${Math.floor(seconds / 60)} min ${seconds % 60} s`
  return `${sign}${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`
}

/** `in 58 min` or `3.0 s ago`: `at` seen from `now`. */
export const formatFrom = (at: number, now: number) =>
  at > now ? `in ${formatDuration(at - now)}` : `${formatDuration(now - at)} ago`
