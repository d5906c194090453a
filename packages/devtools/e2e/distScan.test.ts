// @vitest-environment node
import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPage, readBuild } from './buildPage.js'

/** Strings only the panel's code holds: its title, a button, its channel, core's dev entry. */
const panelMarkers = [
  /callsession devtools/,
  /Simulate CometChat refusal/,
  /callsession-devtools:/,
  /simulateTokenRejection/,
]

const hits = (files: { path: string; text: string }[]) =>
  panelMarkers.flatMap((marker) =>
    files.filter((f) => marker.test(f.text)).map((f) => `${marker} in ${f.path}`),
  )

describe('a Vite app that renders <CallsSessionDevtools>', { timeout: 60_000 }, () => {
  let production: string
  let development: string
  beforeAll(async () => {
    production = await buildPage('production')
    development = await buildPage('development')
  }, 180_000)
  afterAll(async () => {
    await rm(production, { recursive: true, force: true })
    await rm(development, { recursive: true, force: true })
  })

  it('ships none of the panel in its production build', async () => {
    const files = await readBuild(production)
    expect(files.some((f) => f.path.endsWith('.js'))).toBe(true)
    // The app itself is there: the provider's session code was bundled.
    expect(files.some((f) => /callsession:/.test(f.text))).toBe(true)
    expect(hits(files)).toEqual([])
  })

  it('the scan does find the panel: the development build has every marker', async () => {
    const found = hits(await readBuild(development))
    for (const marker of panelMarkers) {
      expect(found.some((hit) => hit.startsWith(`${marker} in`))).toBe(true)
    }
  })
})
