import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { demoRoot } from './buildDemo.js'

export const screenshotDir = join(demoRoot, 'e2e', 'screenshots')

/** Debian's Chromium (Playwright cannot download its own browsers here). */
export async function launchChromium(): Promise<Browser> {
  await mkdir(screenshotDir, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Saves a full-page screenshot of a main screen. */
export const snap = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })

/** Waits until the call session's status badge reads `status`. */
export const waitForStatus = (page: Page, status: string) =>
  page
    .getByTestId('status')
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor()

/** The statuses in the page's timeline, oldest first. */
export const timeline = (page: Page) =>
  page
    .getByTestId('timeline')
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-status') ?? '').reverse())

/** The session's expiry as the page shows it (epoch ms), or undefined. */
export async function expiresAt(page: Page): Promise<number | undefined> {
  const value = await page.getByTestId('token-left').getAttribute('data-expires-at')
  return value ? Number(value) : undefined
}
