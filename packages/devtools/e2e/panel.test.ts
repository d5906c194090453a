// @vitest-environment node
import { rm } from 'node:fs/promises'
import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { createCometChatClient, createTokenHandler, toNodeHandler } from '@callsession/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPage } from './buildPage.js'
import { launchChromium } from './chromium.js'
import { servePage } from './servePage.js'

// Every part is real: the emulator over HTTP, the app's token endpoint (@callsession/server),
// the Calls SDK 4.2.6 that core loads in the page, core, the provider, and the panel in Chromium.
const UID = 'cometchat-uid-1'

let emulator: RunningEmulator
let pageDir: string
let site: Awaited<ReturnType<typeof servePage>>
let browser: Browser

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
  const cometchat = createCometChatClient({
    appId: emulator.appId,
    region: emulator.region,
    apiKey: emulator.apiKey,
    baseUrl: emulator.restBaseUrl,
  })
  const tokenHandler = createTokenHandler({
    cometchat,
    ttlSeconds: 600,
    authenticate: () => ({ uid: UID, name: 'George Alan' }),
  })
  pageDir = await buildPage('development', {
    appId: emulator.appId,
    region: emulator.region,
    host: emulator.callsHost,
    uid: UID,
  })
  site = await servePage(pageDir, toNodeHandler(tokenHandler))
  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await emulator?.close()
  if (pageDir) await rm(pageDir, { recursive: true, force: true })
})

const events = (page: Page, type: string) =>
  page.getByTestId('devtools-timeline').locator(`li[data-event-type="${type}"]`)

async function openSignedIn(page: Page) {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(site.url)
  await page.getByRole('button', { name: 'Open callsession devtools' }).click()
  await page
    .getByTestId('devtools-status')
    .filter({ hasText: /^authenticated$/ })
    .waitFor()
  return errors
}

describe('the devtools panel in Chromium', { timeout: 60_000 }, () => {
  it('opens, shows the signed-in session, and a forced refresh appears in the timeline', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors = await openSignedIn(page)
    await expect(page.getByTestId('devtools-uid').textContent()).resolves.toContain(UID)
    await expect(events(page, 'SIGNED_IN').count()).resolves.toBe(1)
    await expect(events(page, 'TOKEN_FETCHED').first().textContent()).resolves.toMatch(
      /login · took \d+ ms · attempt 1/,
    )
    await expect(page.locator('[data-marker="due"]').count()).resolves.toBe(1)

    await page.getByRole('button', { name: 'Force refresh' }).click()
    await events(page, 'TOKEN_REFRESHED').first().waitFor()
    await expect(events(page, 'TOKEN_FETCHED').first().textContent()).resolves.toMatch(
      /refresh · took \d+ ms/,
    )
    await expect(page.getByRole('status').textContent()).resolves.toBe('refresh: done')
    await expect(page.getByTestId('devtools-refresher').count()).resolves.toBe(1)
    expect(errors).toEqual([])
    await context.close()
  })

  it('a simulated CometChat refusal fetches one fresh token, and the session stays signed in', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await openSignedIn(page)
    await page.getByRole('button', { name: 'Simulate CometChat refusal' }).click()
    await page.getByRole('status').filter({ hasText: 'refusal: done' }).waitFor()
    await expect(events(page, 'TOKEN_REJECTED_BY_COMETCHAT').count()).resolves.toBe(1)
    await expect(events(page, 'TOKEN_FETCHED').first().textContent()).resolves.toMatch(/rejected/)
    await expect(events(page, 'TOKEN_REFRESHED').count()).resolves.toBe(1)
    await expect(page.getByTestId('devtools-status').textContent()).resolves.toBe('authenticated')
    await context.close()
  })

  it('two tabs list each other, and the one that refreshed is marked in the other', async () => {
    const context = await browser.newContext()
    const first = await context.newPage()
    const second = await context.newPage()
    await openSignedIn(first)
    await openSignedIn(second)
    for (const page of [first, second]) {
      await page.getByTestId('devtools-tabs').locator('li').nth(1).waitFor()
    }
    await first.getByRole('button', { name: 'Force refresh' }).click()
    await events(first, 'TOKEN_REFRESHED').first().waitFor()
    // The second tab takes the first one's token (core's channel) and its panel says who refreshed.
    await events(second, 'TAB_ADOPTED_GRANT').first().waitFor()
    const marked = second.getByTestId('devtools-tabs').locator('li', {
      has: second.getByTestId('devtools-refresher'),
    })
    await expect(marked.getAttribute('data-self')).resolves.toBeNull()
    await expect(events(second, 'TOKEN_REFRESHED').count()).resolves.toBe(0)
    await context.close()
  })
})
