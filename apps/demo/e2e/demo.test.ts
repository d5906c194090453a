import { rm } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoServer } from '../server/createDemoServer.js'
import { expiresAt, launchChromium, snap, timeline, waitForStatus } from './browser.js'
import { buildDemo } from './buildDemo.js'

type DemoServer = Awaited<ReturnType<typeof createDemoServer>>

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Runs `test` in a fresh browser profile (cookies, tabs) on the demo, closed afterwards. */
async function inFreshProfile(
  server: DemoServer,
  test: (page: Page, context: BrowserContext) => Promise<void>,
) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1200, height: 900 },
  })
  try {
    const page = await context.newPage()
    await page.goto('/')
    await test(page, context)
  } finally {
    await context.close()
  }
}

async function signInAs(page: Page, name: string) {
  await page.getByRole('button', { name: new RegExp(`^Sign in as ${name}`) }).click()
  await waitForStatus(page, 'authenticated')
}

/** Waits until the page shows a token expiry equal to (or, with `changedFrom`, other than) a value. */
const waitForExpiry = (page: Page, value: number | undefined, changedFrom = false) =>
  page.waitForFunction(
    ([expected, changed]) => {
      const shown = document
        .querySelector('[data-testid=token-left]')
        ?.getAttribute('data-expires-at')
      return changed ? shown !== String(expected) : shown === String(expected)
    },
    [value, changedFrom] as const,
  )

describe('the demo in development (vite dev, emulator in-process)', () => {
  let server: DemoServer
  beforeAll(async () => {
    server = await createDemoServer({ mode: 'development', port: 0, env: {}, log: () => {} })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('signs in: the app user becomes an authenticated CometChat session', () =>
    inFreshProfile(server, async (page) => {
      await snap(page, '1-sign-in')
      await signInAs(page, 'Sample user 1')
      expect(await page.getByTestId('calls-user').textContent()).toContain('cometchat-uid-1')
      await page.getByRole('button', { name: 'Get a call token' }).click()
      expect(await page.getByTestId('call-token').textContent()).toContain('demo-room')
      await snap(page, '2-dashboard')
    }))

  it('expire token: refreshed while the status never drops to signed-out', () =>
    inFreshProfile(server, async (page) => {
      await signInAs(page, 'Sample user 2')
      const before = await timeline(page)
      const requests = server.stats.tokenRequests
      await page.getByRole('button', { name: 'Expire token now' }).click()
      const report = page.getByTestId('expiry-report')
      await report.waitFor()
      await waitForStatus(page, 'authenticated')
      // Told from the session's own state changes, not fixed text.
      expect(await report.textContent()).toContain('authenticated → refreshing → authenticated')
      expect(await report.textContent()).toContain('CometChat refused the old token')
      const after = (await timeline(page)).slice(before.length)
      expect(after).toContain('refreshing')
      expect(after).not.toContain('signed-out')
      expect(after).not.toContain('authenticating')
      expect(after).not.toContain('error')
      // One new token. (Not "a later expiry": both tokens can fall in the same second of the
      // server's clock, and the skew correction then moves the new expiry by a few ms either way.)
      expect(server.stats.tokenRequests - requests).toBe(1)
      await snap(page, '3-after-expiry')
    }))

  it('two tabs: one refresh serves both, and signing out in one signs out the other', () =>
    inFreshProfile(server, async (first, context) => {
      await signInAs(first, 'Sample user 3')
      const second = await context.newPage()
      await second.goto('/')
      await waitForStatus(second, 'authenticated')
      const requests = server.stats.tokenRequests
      const before = await expiresAt(first)
      await first.getByRole('button', { name: 'Refresh token now' }).click()
      await waitForExpiry(first, before, true)
      // The other tab takes the same token: same expiry, no request of its own.
      await waitForExpiry(second, await expiresAt(first))
      expect(server.stats.tokenRequests - requests).toBe(1)
      await snap(second, '4-second-tab')
      await first.getByRole('button', { name: 'Sign out' }).click()
      // The other tab follows the app session too: its sign-in page, not a stale header.
      await second.getByRole('heading', { name: 'Sign in to the app' }).waitFor()
    }))

  it('two tabs: a sign-out and a user switch in one are followed by the other’s header and Calls status', () =>
    inFreshProfile(server, async (a, context) => {
      await signInAs(a, 'Sample user 1')
      const b = await context.newPage()
      await b.goto('/')
      await waitForStatus(b, 'authenticated')
      // Switch in A: B's header and Calls session follow, nothing in error.
      await a.getByLabel('App user').selectOption('cometchat-uid-2')
      await waitForStatus(a, 'authenticated')
      await b
        .getByTestId('app-user')
        .filter({ hasText: /^Sample user 2$/ })
        .waitFor()
      await b.getByTestId('calls-user').filter({ hasText: 'cometchat-uid-2' }).waitFor()
      await waitForStatus(b, 'authenticated')
      expect(await b.getByTestId('header-calls-status').textContent()).toBe('authenticated')
      // Sign-out in A: B shows the sign-in page and a signed-out Calls session.
      await a.getByRole('button', { name: 'Sign out' }).click()
      await b.getByRole('heading', { name: 'Sign in to the app' }).waitFor()
      expect(await b.getByTestId('app-user').count()).toBe(0)
      expect(await b.getByTestId('header-calls-status').textContent()).toBe('signed-out')
      // Sign in again in A: B follows into the dashboard.
      await signInAs(a, 'Sample user 3')
      await b
        .getByTestId('app-user')
        .filter({ hasText: /^Sample user 3$/ })
        .waitFor()
      await waitForStatus(b, 'authenticated')
      for (const page of [a, b]) {
        expect(await page.getByTestId('session-error').count()).toBe(0)
        expect(await timeline(page)).not.toContain('error')
      }
    }))

  it('two tabs: a switch the other tab was never told about is followed at its next refresh, not shown as an error', () =>
    inFreshProfile(server, async (a, context) => {
      await signInAs(a, 'Sample user 4')
      const b = await context.newPage()
      await b.goto('/')
      await waitForStatus(b, 'authenticated')
      // The cookie changes behind both tabs' backs (another window): no message to anyone.
      expect((await a.request.post('/api/session', { data: { id: 'cometchat-uid-5' } })).ok()).toBe(
        true,
      )
      await b.getByRole('button', { name: 'Refresh token now' }).click()
      await b
        .getByTestId('app-user')
        .filter({ hasText: /^Sample user 5$/ })
        .waitFor()
      await b.getByTestId('calls-user').filter({ hasText: 'cometchat-uid-5' }).waitFor()
      await waitForStatus(b, 'authenticated')
      expect(await b.getByTestId('session-error').count()).toBe(0)
      // The sign-out behind its back: the next refresh finds no app session, and B follows it.
      expect((await b.request.delete('/api/session')).ok()).toBe(true)
      await b.getByRole('button', { name: 'Refresh token now' }).click()
      await b.getByRole('heading', { name: 'Sign in to the app' }).waitFor()
      expect(await b.getByTestId('app-user').count()).toBe(0)
    }))

  it('keeps the timeline (steps and requests) across Admin and back', () =>
    inFreshProfile(server, async (page) => {
      await signInAs(page, 'Sample user 2')
      const steps = await timeline(page)
      expect(steps).toEqual(['signed-out', 'authenticating', 'authenticated'])
      const requests = page.getByTestId('requests').locator('tr')
      await requests.first().waitFor()
      const labels = await requests.allTextContents()
      expect(labels.some((l) => l.includes('/api/cometchat/token'))).toBe(true)
      expect(labels.some((l) => l.includes('call_tokens'))).toBe(true)
      await page.getByRole('link', { name: 'Admin: import' }).click()
      await page.getByRole('heading', { name: 'Batch import users into CometChat' }).waitFor()
      await page.getByRole('link', { name: 'Session', exact: true }).click()
      // The session page renders its timeline after the route change: wait for it, then compare.
      await page.getByTestId('timeline').locator('li').first().waitFor()
      expect(await timeline(page)).toEqual(steps)
      expect(await requests.count()).toBe(labels.length)
      // Each step shows the code that did it.
      await page.getByText('The token endpoint (your server)').first().click()
      expect(await page.locator('.snippet[open] code').first().textContent()).toContain(
        'createTokenHandler',
      )
    }))

  it('a signed-out load logs nothing to the console, and the page has a favicon', () =>
    inFreshProfile(server, async (page) => {
      const logged: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') logged.push(`${m.type()}: ${m.text()}`)
      })
      page.on('response', (r) => {
        if (r.status() >= 400) logged.push(`${r.status()} ${r.url()}`)
      })
      await page.reload()
      await page.getByRole('heading', { name: 'Sign in to the app' }).waitFor()
      await page.waitForLoadState('networkidle')
      expect(logged).toEqual([])
      const icon = await page.locator('link[rel=icon]').getAttribute('href')
      expect((await page.request.get(icon ?? '/missing')).status()).toBe(200)
    }))

  it('a profile save shows the new name in the Calls session at once', () =>
    inFreshProfile(server, async (page) => {
      await page.getByLabel('New user id').fill('e2e-rename')
      await page.getByLabel('Name').fill('Before')
      await page.getByRole('button', { name: 'Create and sign in' }).click()
      await waitForStatus(page, 'authenticated')
      const profile = page.getByRole('region', { name: 'Profile' })
      await profile.getByLabel('Name').fill('After Rename')
      await profile.getByRole('button', { name: /^Save/ }).click()
      await page.getByTestId('calls-user').filter({ hasText: 'After Rename' }).waitFor()
      await page
        .getByTestId('app-user')
        .filter({ hasText: /^After Rename$/ })
        .waitFor()
    }))

  it('switches user: the session follows the app user', () =>
    inFreshProfile(server, async (page) => {
      await signInAs(page, 'Sample user 4')
      await page.getByLabel('App user').selectOption('cometchat-uid-5')
      await page.getByTestId('calls-user').filter({ hasText: 'cometchat-uid-5' }).waitFor()
      await waitForStatus(page, 'authenticated')
      expect(await timeline(page)).toContain('authenticating')
      await snap(page, '5-switched')
    }))

  it('the dev Auth-Key panel takes the session over visibly, and refuses an unknown uid without touching it', () =>
    inFreshProfile(server, async (page) => {
      await signInAs(page, 'Sample user 1')
      const panel = page.getByTestId('dev-auth-key-panel')
      const before = await timeline(page)
      await panel.getByLabel('CometChat uid').fill('nobody-like-this')
      await panel.getByRole('button', { name: 'Log in with Auth Key' }).click()
      const refusal = page.getByTestId('auth-key-error')
      await refusal.waitFor()
      expect(await refusal.textContent()).toContain('untouched')
      expect(await timeline(page)).toEqual(before)
      await waitForStatus(page, 'authenticated')
      expect(await page.getByTestId('calls-user').textContent()).toContain('cometchat-uid-1')

      await panel.getByLabel('CometChat uid').fill('cometchat-uid-2')
      await panel.getByRole('button', { name: 'Log in with Auth Key' }).click()
      await page.getByTestId('calls-user').filter({ hasText: 'cometchat-uid-2' }).waitFor()
      expect(await page.getByTestId('takeover').textContent()).toContain('Auth-Key')
      await snap(page, '6-dev-auth-key')
      await page.getByRole('button', { name: 'Back to Sample user 1' }).click()
      await page.getByTestId('calls-user').filter({ hasText: 'cometchat-uid-1' }).waitFor()
      await waitForStatus(page, 'authenticated')
      expect(await page.getByTestId('takeover').count()).toBe(0)
    }))

  it('edits the profile (mirrored into CometChat) and deletes the account (soft)', () =>
    inFreshProfile(server, async (page) => {
      await page.getByLabel('New user id').fill('e2e-grace')
      await page.getByLabel('Name').fill('Grace')
      await page.getByRole('button', { name: 'Create and sign in' }).click()
      await waitForStatus(page, 'authenticated')
      const profile = page.getByRole('region', { name: 'Profile' })
      await profile.getByLabel('Name').fill('Grace Hopper')
      await profile.getByRole('button', { name: /^Save/ }).click()
      await profile.getByText('Saved.').waitFor()
      const emulator = server.emulator
      if (!emulator) throw new Error('the demo runs on the emulator here')
      const cometchatUser = async () =>
        (await (
          await fetch(`${emulator.restBaseUrl}/users/e2e-grace`, {
            headers: { apiKey: emulator.apiKey },
          })
        ).json()) as { data?: { name: string }; error?: { code: string } }
      expect((await cometchatUser()).data?.name).toBe('Grace Hopper')
      await page.getByRole('button', { name: 'Delete account…' }).click()
      await page.getByRole('button', { name: 'Yes, delete my account' }).click()
      await page.getByRole('heading', { name: 'Sign in to the app' }).waitFor()
      // Deactivated: CometChat answers "not found" for it (its error guide), while the uid stays taken.
      expect((await cometchatUser()).error?.code).toBe('ERR_UID_NOT_FOUND')
    }))

  it('imports users from the admin page with progress and a per-line report', () =>
    inFreshProfile(server, async (page) => {
      await signInAs(page, 'Sample user 1')
      await page.getByRole('link', { name: 'Admin: import' }).click()
      await page.getByRole('button', { name: 'Import' }).click()
      const summary = page.getByTestId('import-summary')
      await summary.waitFor()
      expect(await summary.textContent()).toContain('3 created')
      expect(await summary.textContent()).toContain('Line 4')
      expect(await page.getByTestId('import-progress').textContent()).toContain('4 / 4')
      // A file the backend cannot read: its own words, not a code.
      await page.getByLabel('Content').fill('[{"uid": "ada"')
      await page.getByLabel('Format').selectOption('json')
      await page.getByRole('button', { name: 'Import' }).click()
      const error = page.getByTestId('import-error')
      await error.waitFor()
      expect(await error.locator('.error-what').textContent()).not.toMatch(/^[A-Z_]+\.?$/)
      await snap(page, '8-admin-import')
    }))
})

describe('the demo in production (built app)', () => {
  let server: DemoServer
  let distDir: string
  beforeAll(async () => {
    distDir = await buildDemo('production')
    server = await createDemoServer({
      mode: 'production',
      port: 0,
      distDir,
      env: {},
      log: () => {},
    })
  })
  afterAll(async () => {
    await server?.close()
    if (distDir) await rm(distDir, { recursive: true, force: true })
  })

  it('signs in and shows no Auth-Key panel and no dev controls', () =>
    inFreshProfile(server, async (page) => {
      await signInAs(page, 'Sample user 1')
      expect(await page.getByTestId('dev-auth-key-panel').count()).toBe(0)
      expect(await page.getByRole('button', { name: 'Expire token now' }).count()).toBe(0)
      expect((await page.request.get('/api/dev/auth-key')).status()).toBe(404)
      await snap(page, '7-production')
    }))
})
