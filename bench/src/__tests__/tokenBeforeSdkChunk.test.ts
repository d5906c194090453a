import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBenchBackend } from '../browser/benchBackend.js'
import { type BenchServer, startBenchServer } from '../browser/benchServer.js'
import { type BuiltPage, buildPage } from '../browser/buildPage.js'
import { chromiumPath, hasChromium, launchChromium } from '../browser/chromium.js'
import { visit } from '../browser/measureLoad.js'

/** How long the bench server holds the SDK chunk back: slow enough to see, never compared with. */
const SDK_CHUNK_HELD_MS = 1_500

type NetworkEvent = { kind: 'sent' | 'finished'; url: string; timestamp: number }

const missing = hasChromium()
  ? ''
  : ` — SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`
if (missing) console.warn(`bench: browser ordering test${missing}`)

describe.skipIf(!hasChromium())(`sign-in in Chromium with a slow Calls SDK chunk${missing}`, () => {
  let backend: Awaited<ReturnType<typeof startBenchBackend>>
  let page: BuiltPage
  let server: BenchServer
  let browser: Browser
  beforeAll(async () => {
    backend = await startBenchBackend()
    // (b): the provider without preload, so sign-in itself is what starts both requests.
    page = await buildPage('pages/provider', { minify: false })
    const sdkPath = `/${page.sdkChunk?.fileName}`
    server = await startBenchServer({
      dir: page.dir,
      pageConfig: backend.pageConfig,
      tokenHandler: backend.tokenHandler,
      delayMs: (path) => (path === sdkPath ? SDK_CHUNK_HELD_MS : 0),
    })
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await backend?.close()
  })

  it('starts the token request before the SDK chunk has finished loading, and signs in', async () => {
    // Chromium's own network log, in the order it reported it.
    const events: NetworkEvent[] = []
    const urls = new Map<string, string>()
    const sample = await visit(browser, `${server.url}/`, {
      onCdp: (cdp) => {
        cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
          urls.set(requestId, request.url)
          events.push({ kind: 'sent', url: request.url, timestamp })
        })
        cdp.on('Network.loadingFinished', ({ requestId, timestamp }) => {
          events.push({ kind: 'finished', url: urls.get(requestId) ?? '', timestamp })
        })
      },
    })
    const path = (event: NetworkEvent) => new URL(event.url).pathname
    const sdkPath = `/${page.sdkChunk?.fileName}`
    const tokenSent = events.filter((e) => e.kind === 'sent' && path(e) === '/api/token')
    const sdkSent = events.findIndex((e) => e.kind === 'sent' && path(e) === sdkPath)
    const sdkFinished = events.findIndex((e) => e.kind === 'finished' && path(e) === sdkPath)

    expect(sample.failed).toBeUndefined()
    expect(sample.marks['bench:authenticated']).toBeDefined()
    expect(tokenSent).toHaveLength(1)
    expect(sdkSent).toBeGreaterThanOrEqual(0)
    expect(sdkFinished).toBeGreaterThan(sdkSent)
    const tokenAt = events.indexOf(tokenSent[0] as NetworkEvent)
    // Order in the log, and Chromium's own clock agrees: no threshold anywhere.
    expect(tokenAt).toBeLessThan(sdkFinished)
    expect(tokenSent[0]?.timestamp).toBeLessThan(events[sdkFinished]?.timestamp ?? 0)
    // The server's log says the same: the token request arrived while the chunk was held back.
    const served = server.log.map((line) => `${line.phase} ${line.path}`)
    expect(served.indexOf('received /api/token')).toBeLessThan(
      served.indexOf(`answered ${sdkPath}`),
    )
  }, 60_000)
})
