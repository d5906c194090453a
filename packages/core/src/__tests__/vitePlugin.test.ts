// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Rolldown } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { callsSdkPreload } from '../vite.js'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url))
const outDirs: string[] = []
afterAll(() => Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true }))))

/** A real `vite build` of a fixture app; returns its HTML and each chunk's name and code. */
async function buildApp(app: string, config: { base?: string; plugin?: boolean } = {}) {
  const outDir = await mkdtemp(join(tmpdir(), 'callsession-vite-plugin-'))
  outDirs.push(outDir)
  const output = (await build({
    root: fixture(app),
    configFile: false,
    logLevel: 'silent',
    base: config.base ?? '/',
    plugins: config.plugin === false ? [] : [callsSdkPreload()],
    build: { outDir, minify: false, write: true, chunkSizeWarningLimit: 5_000 },
  })) as Rolldown.RolldownOutput
  const chunks = output.output.flatMap((item) => (item.type === 'chunk' ? [item] : []))
  const html = await readFile(join(outDir, 'index.html'), 'utf8')
  const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map(
    (match) => match[1],
  )
  return { html, chunks, preloads }
}

const holdsSdk = (chunk: Rolldown.OutputChunk) =>
  chunk.moduleIds.some((id) => id.includes('/node_modules/@cometchat/calls-sdk-javascript/'))

describe('callsSdkPreload(): the Calls SDK chunk named in the HTML', () => {
  it('links the lazily loaded SDK chunk, so the browser fetches it from navigation start', async () => {
    const { chunks, preloads } = await buildApp('lazySdkApp')
    const sdk = chunks.find(holdsSdk)
    expect(sdk?.isEntry).toBe(false)
    expect(preloads).toEqual([`/${sdk?.fileName}`])
  })

  it('never links the entry again (the HTML loads it already)', async () => {
    const { html, chunks } = await buildApp('lazySdkApp')
    const entry = chunks.find((chunk) => chunk.isEntry)
    expect(entry).toBeDefined()
    expect(html.split(entry?.fileName ?? '?').length - 1).toBe(1)
  })

  it('prefixes the href with the app base', async () => {
    const { chunks, preloads } = await buildApp('lazySdkApp', { base: '/calls/' })
    expect(preloads).toEqual([`/calls/${chunks.find(holdsSdk)?.fileName}`])
    const relative = await buildApp('lazySdkApp', { base: './' })
    expect(relative.preloads).toEqual([`./${relative.chunks.find(holdsSdk)?.fileName}`])
  })

  it('adds nothing when the SDK is already in the entry (imported eagerly)', async () => {
    const { chunks, preloads } = await buildApp('eagerSdkApp')
    expect(chunks.find(holdsSdk)?.isEntry).toBe(true)
    expect(preloads).toEqual([])
  })

  it('without the plugin, the HTML names no SDK chunk (what it changes)', async () => {
    const { preloads } = await buildApp('lazySdkApp', { plugin: false })
    expect(preloads).toEqual([])
  })

  it('applies to builds only: the dev server is left alone', () => {
    expect(callsSdkPreload().apply).toBe('build')
  })
})
