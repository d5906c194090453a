// Takes the README's screenshots of the main states into docs/ (run by hand, not a test):
//   npx tsx --conditions=@callsession/source e2e/docsScreenshots.ts
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { createDemoServer } from '../server/createDemoServer.js'
import { launchChromium, waitForStatus } from './browser.js'
import { demoRoot } from './buildDemo.js'

const out = join(demoRoot, 'docs')
await mkdir(out, { recursive: true })
const server = await createDemoServer({ mode: 'development', port: 0, env: {}, log: () => {} })
const browser = await launchChromium()
const context = await browser.newContext({
  baseURL: server.url,
  viewport: { width: 1280, height: 860 },
  colorScheme: 'light',
})
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(out, `${name}.png`), type: 'png' })
try {
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('heading', { name: 'Sign in to the app' }).waitFor()
  await shot(page, 'signed-out')
  await page.getByRole('button', { name: /^Sign in as Sample user 1/ }).click()
  await waitForStatus(page, 'authenticated')
  await page.getByRole('button', { name: 'Get a call token' }).click()
  await page.getByTestId('call-token').waitFor()
  await shot(page, 'dashboard')
  await page.getByRole('button', { name: 'Expire token now' }).click()
  await page.getByTestId('expiry-report').waitFor()
  await page
    .locator('.step details')
    .first()
    .evaluate((d) => d.setAttribute('open', ''))
  await shot(page, 'refreshed-timeline')
  // An error: the dev Auth-Key login takes the session over, then a refresh asks the token
  // endpoint, which only issues tokens for the app user.
  const panel = page.getByTestId('dev-auth-key-panel')
  await panel.getByLabel('CometChat uid').fill('cometchat-uid-2')
  await panel.getByRole('button', { name: 'Log in with Auth Key' }).click()
  await page.getByTestId('takeover').waitFor()
  await page.getByRole('button', { name: 'Refresh token now' }).click()
  await page.getByTestId('session-error').waitFor()
  await shot(page, 'error')
  await page.getByRole('link', { name: 'Admin: import' }).click()
  await page.getByRole('button', { name: 'Import' }).click()
  await page.getByTestId('import-summary').waitFor()
  await shot(page, 'admin-import')
} finally {
  await context.close()
  await browser.close()
  await server.close()
}
console.log(`screenshots in ${out}`)
