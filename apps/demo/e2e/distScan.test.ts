import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemo, readBuild } from './buildDemo.js'

/** What must never ship: the emulator's Auth Key, the dev login code and the dev panel. */
const forbidden = [
  // The Auth Key value the dev server hands the panel (the emulator's default).
  /emulator-auth-key/,
  // Core's dev entry: its error text, its Auth-Key header and its function.
  /Auth-Key login/,
  /loginWithAuthKey/,
  /authKey:/,
  // The panel itself.
  /log in with Auth Key/i,
  /dev-auth-key-panel/,
]

const hits = (files: { path: string; text: string }[]) =>
  forbidden.flatMap((pattern) =>
    files.filter((f) => pattern.test(f.text)).map((f) => `${pattern} in ${f.path}`),
  )

describe('the production build', () => {
  let production: string
  let development: string
  beforeAll(async () => {
    production = await buildDemo('production')
    development = await buildDemo('development')
  })
  afterAll(async () => {
    await rm(production, { recursive: true, force: true })
    await rm(development, { recursive: true, force: true })
  })

  it('contains neither the Auth Key, nor the dev login code, nor the panel', async () => {
    const files = await readBuild(production)
    expect(files.length).toBeGreaterThan(0)
    expect(hits(files)).toEqual([])
  })

  it('the scan does catch them: a development build has the dev code', async () => {
    const found = hits(await readBuild(development))
    expect(found.some((hit) => hit.includes('Auth-Key login'))).toBe(true)
    expect(found.some((hit) => hit.includes('dev-auth-key-panel'))).toBe(true)
  })

  it('contains no React Query Devtools either', async () => {
    const files = await readBuild(production)
    expect(files.filter((f) => /ReactQueryDevtools|tsqd-/.test(f.text)).map((f) => f.path)).toEqual(
      [],
    )
  })
})
