/** One request the browser made that belongs to the sign-in story, with its timing. */
export interface LoggedRequest {
  id: number
  /** Epoch ms when it started. */
  at: number
  durationMs: number
  /** `server`: the app's token endpoint; `cometchat`: the Calls API (or the emulator standing in). */
  to: 'server' | 'cometchat'
  label: string
  /** HTTP status, when the browser exposes it (0 or absent otherwise). */
  status: number | undefined
}

export interface RequestLogOptions {
  /** Path of the app's token endpoint, e.g. `/api/cometchat/token`. */
  tokenEndpoint: string
  /** The Calls API base the SDK uses (the emulator's), or undefined for CometChat's own hosts. */
  callsHost: string | undefined
}

/** What a CometChat Calls path is for, in a few words. */
function cometchatLabel(path: string): string {
  if (/call_tokens$/.test(path))
    return 'POST call_tokens: a call token (4.x also verifies an auth token this way)'
  if (/auth_tokens$/.test(path))
    return 'POST users/…/auth_tokens: sign-in with the Auth Key (development)'
  if (/\/me$/.test(path)) return '/me: the SDK’s own login or logout (v5)'
  return path
}

/**
 * Watches the browser's resource timings (the requests the page really made, including the SDK's
 * own) and keeps those to the token endpoint and to CometChat. Returns the stop function.
 */
export function watchRequests(
  options: RequestLogOptions,
  onRequest: (request: Omit<LoggedRequest, 'id'>) => void,
): () => void {
  if (typeof PerformanceObserver === 'undefined') return () => {}
  const calls = options.callsHost ? new URL(options.callsHost, location.href) : undefined
  const classify = (url: URL): Pick<LoggedRequest, 'to' | 'label'> | undefined => {
    if (url.origin === location.origin && url.pathname === options.tokenEndpoint)
      return { to: 'server', label: `POST ${options.tokenEndpoint}: your server’s token endpoint` }
    const isCalls = calls
      ? url.origin === calls.origin && url.pathname.startsWith(calls.pathname)
      : /\.cometchat\.io$/.test(url.hostname) && !/^cdn\./.test(url.hostname)
    if (!isCalls) return undefined
    const path = calls ? url.pathname.slice(calls.pathname.length) : url.pathname
    return { to: 'cometchat', label: cometchatLabel(path) }
  }
  // The default buffer (250 entries) would fill up in a long demo session and drop entries.
  performance.setResourceTimingBufferSize?.(2000)
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      const kind = classify(new URL(entry.name))
      if (!kind) continue
      const status = (entry as PerformanceResourceTiming & { responseStatus?: number })
        .responseStatus
      onRequest({
        ...kind,
        at: performance.timeOrigin + entry.startTime,
        durationMs: entry.duration,
        status: status || undefined,
      })
    }
  })
  observer.observe({ type: 'resource', buffered: true })
  return () => observer.disconnect()
}
