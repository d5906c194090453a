import type { Browser, CDPSession, Page } from 'playwright-core'
import { DONE_SIGNAL } from '../../browser/pages/common/doneSignal.js'
import { BENCH_UID } from './benchBackend.js'

/** The network a cold visit is measured on. */
export interface NetworkProfile {
  rttMs: number
  megabitsPerSecond: number
}

export const BENCH_NETWORK: NetworkProfile = { rttMs: 40, megabitsPerSecond: 10 }

/** A Resource Timing entry, trimmed to what the bench reads. */
export interface ResourceSample {
  name: string
  startTime: number
  responseEnd: number
  transferSize: number
}

/** What one cold visit measured, in ms from navigation start (the page's `timeOrigin`). */
export interface LoadSample {
  marks: Record<string, number>
  failed: string | undefined
  firstPaint: number | undefined
  firstContentfulPaint: number | undefined
  resources: ResourceSample[]
}

export interface VisitOptions {
  /** Signed in as the bench user (the app's session cookie set), or signed out. */
  signedIn?: boolean
  network?: NetworkProfile | undefined
  /** Called with the page's CDP session before navigation (to log network events). */
  onCdp?: (cdp: CDPSession) => Promise<void> | void
  timeoutMs?: number
}

/** Cache off and, when given, the network emulated (Chromium's throttling, per request). */
async function coldNetwork(cdp: CDPSession, network: NetworkProfile | undefined) {
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (!network) return
  const bytesPerSecond = (network.megabitsPerSecond * 1_000_000) / 8
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.rttMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  })
}

/** One cold visit of `url` in a fresh browser profile: no cache, no storage, no connections. */
export async function visit(browser: Browser, url: string, options: VisitOptions = {}) {
  const context = await browser.newContext()
  const signedIn = options.signedIn ?? true
  try {
    if (signedIn) {
      await context.addCookies([{ name: 'bench_uid', value: BENCH_UID, url }])
    }
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await coldNetwork(cdp, options.network)
    await options.onCdp?.(cdp)
    const timeout = options.timeoutMs ?? 30_000
    // Signed in: done when the page says so (first call token, or a failure). Waiting on its console
    // message runs nothing in the page; `waitForFunction` would compile Playwright's injected script
    // and poll on every frame, on the main thread whose first paint and SDK evaluation are measured.
    const done = signedIn
      ? page.waitForEvent('console', {
          predicate: (message) => message.text() === DONE_SIGNAL,
          timeout,
        })
      : undefined
    // Signed out: done once the network is idle. Awaited together: a failed navigation ends the
    // visit, and the wait it leaves behind cannot reject unhandled when the context closes.
    await Promise.all([
      page.goto(url, { waitUntil: signedIn ? 'commit' : 'networkidle', timeout }),
      done,
    ])
    return await readSample(page)
  } finally {
    await context.close()
  }
}

// Plain JavaScript, not a function: tsx (esbuild with keepNames) would wrap inner functions in a
// `__name` helper the page does not have.
const READ_SAMPLE = `(async () => {
  // Paint entries through an observer (buffered: the ones before it was created too).
  const paints = await new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      observer.disconnect()
      resolve(list.getEntries())
    })
    observer.observe({ type: 'paint', buffered: true })
    setTimeout(() => resolve(performance.getEntriesByType('paint')), 1000)
  })
  const marks = {}
  for (const entry of performance.getEntriesByType('mark')) marks[entry.name] = entry.startTime
  const failed = performance.getEntriesByName('bench:failed', 'mark')[0]
  return {
    marks,
    failed: failed ? String(failed.detail) : undefined,
    firstPaint: paints.find((entry) => entry.name === 'first-paint')?.startTime,
    firstContentfulPaint: paints.find((entry) => entry.name === 'first-contentful-paint')?.startTime,
    resources: performance.getEntriesByType('resource').map((entry) => ({
      name: entry.name,
      startTime: entry.startTime,
      responseEnd: entry.responseEnd,
      transferSize: entry.transferSize,
    })),
  }
})()`

const readSample = (page: Page) => page.evaluate(READ_SAMPLE) as Promise<LoadSample>
