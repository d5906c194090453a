import { rm } from 'node:fs/promises'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemo } from '../../e2e/buildDemo.js'
import { createDemoServer } from '../createDemoServer.js'

type DemoServer = Awaited<ReturnType<typeof createDemoServer>>

let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
})
afterAll(async () => {
  await browser?.close()
})

/**
 * Signs in, loads the app (the Calls SDK chunk and the token endpoint run), then asks the page
 * for what the SDK itself fetches (Google Fonts, cdn.cometchat.io, the emulator) and for one thing
 * the policy must block. Returns every CSP violation the page reported.
 */
async function violationsOf(server: DemoServer): Promise<string[]> {
  const context = await browser.newContext({ baseURL: server.url })
  try {
    await context.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { __csp: string[] }).__csp = seen
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
      )
    })
    const page = await context.newPage()
    const signIn = await page.request.post('/api/session', { data: { id: 'cometchat-uid-1' } })
    expect(signIn.status()).toBe(200)
    const token = page.waitForResponse((r) => r.url().endsWith('/api/cometchat/token'))
    await page.goto('/')
    expect((await token).status()).toBe(200)
    await page.waitForLoadState('networkidle')
    // The SDK evaluates its bundled lib-jitsi-meet with eval at import: under a policy without
    // 'unsafe-eval' it fails silently and no call could ever start.
    await page.waitForFunction(() => 'JitsiMeetJS' in window && 'Strophe' in window)
    const config = (await (await page.request.get('/api/config')).json()) as { callsHost?: string }
    await page.evaluate(async (callsHost) => {
      // No internet here: each load fails on the network, after the CSP has allowed it.
      const settle = (el: HTMLElement) =>
        new Promise<void>((resolve) => {
          el.addEventListener('load', () => resolve())
          el.addEventListener('error', () => resolve())
          document.head.append(el)
        })
      const css = Object.assign(document.createElement('link'), {
        rel: 'stylesheet',
        href: 'https://fonts.googleapis.com/css?family=Inter',
      })
      const sdkScript = Object.assign(document.createElement('script'), {
        src: 'https://cdn.cometchat.io/calls/v3/tflite.js',
      })
      const style = document.createElement('style')
      style.textContent = '@import url(https://fonts.googleapis.com/css?family=Inter);'
      document.head.append(style)
      const font = new FontFace('Probe', 'url(https://fonts.gstatic.com/s/inter/probe.woff2)')
      await Promise.all([
        settle(css),
        settle(sdkScript),
        font.load().catch(() => {}),
        callsHost ? fetch(`${callsHost}call_tokens`, { method: 'POST' }).catch(() => {}) : null,
      ])
      await settle(
        Object.assign(document.createElement('script'), { src: 'https://evil.example/x.js' }),
      )
    }, config.callsHost ?? null)
    await page.waitForFunction(() =>
      (window as unknown as { __csp: string[] }).__csp.some((v) => v.includes('evil.example')),
    )
    return await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)
  } finally {
    await context.close()
  }
}

describe('the CSP in Chromium', () => {
  it('development: the app, the SDK’s fonts and scripts and the emulator load; a foreign script does not', async () => {
    const server = await createDemoServer({ mode: 'development', port: 0, env: {}, log: () => {} })
    try {
      expect(await violationsOf(server)).toEqual(['script-src-elem https://evil.example/x.js'])
    } finally {
      await server.close()
    }
  })

  it('production (built app): the same, under the stricter policy', async () => {
    const distDir = await buildDemo('production')
    const server = await createDemoServer({ port: 0, distDir, env: {}, log: () => {} })
    try {
      expect(await violationsOf(server)).toEqual(['script-src-elem https://evil.example/x.js'])
    } finally {
      await server.close()
      await rm(distDir, { recursive: true, force: true })
    }
  })
})
