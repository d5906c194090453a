// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Rolldown } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { type CallsSdkPreloadOptions, callsSdkPreload } from '../vite.js'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url))
const outDirs: string[] = []
afterAll(() => Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true }))))

/** A real `vite build` of a fixture app; returns its HTML and each chunk's name and code. */
async function buildApp(
  app: string,
  config: {
    base?: string
    plugin?: boolean | CallsSdkPreloadOptions
    sharedChunk?: string
  } = {},
) {
  const outDir = await mkdtemp(join(tmpdir(), 'callsession-vite-plugin-'))
  outDirs.push(outDir)
  const output = (await build({
    root: fixture(app),
    configFile: false,
    logLevel: 'silent',
    base: config.base ?? '/',
    plugins:
      config.plugin === false
        ? []
        : [callsSdkPreload(config.plugin === true ? {} : (config.plugin ?? {}))],
    build: {
      outDir,
      minify: false,
      write: true,
      chunkSizeWarningLimit: 5_000,
      // An app's own chunking: `sharedChunk` (a module of the app) in a chunk of its own.
      ...(config.sharedChunk === undefined
        ? {}
        : {
            rolldownOptions: {
              output: {
                codeSplitting: {
                  groups: [{ name: 'shared', test: new RegExp(config.sharedChunk) }],
                },
              },
            },
          }),
    },
  })) as Rolldown.RolldownOutput
  const chunks = output.output.flatMap((item) => (item.type === 'chunk' ? [item] : []))
  const html = await readFile(join(outDir, 'index.html'), 'utf8')
  const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map(
    (match) => match[1],
  )
  const metas = [
    ...html.matchAll(/<meta name="callsession:calls-sdk-chunk" content="([^"]+)">/g),
  ].map((match) => match[1])
  return { html, chunks, preloads, metas }
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

  it("links the SDK chunk and what it imports, not the app's other lazy chunks", async () => {
    const { chunks, preloads } = await buildApp('lazyPagesApp')
    const byName = (name: string) => chunks.find((chunk) => chunk.name === name)
    const [callPage, settingsPage, format] = [
      byName('callPage'),
      byName('settingsPage'),
      byName('format'),
    ]
    // The call page (its own code next to the SDK's) and the settings page are lazy; both import
    // `format`, a lazy chunk of its own.
    expect(chunks.filter((chunk) => !chunk.isEntry).length).toBe(3)
    expect(callPage?.moduleIds.some((id) => id.endsWith('/lazyPagesApp/callPage.ts'))).toBe(true)
    expect(callPage && holdsSdk(callPage)).toBe(true)
    expect(settingsPage && holdsSdk(settingsPage)).toBe(false)
    expect(callPage?.imports).toContain(format?.fileName)
    expect(settingsPage?.imports).toContain(format?.fileName)
    expect(preloads).toEqual([`/${callPage?.fileName}`, `/${format?.fileName}`])
  })

  it('links nothing the HTML already loads', async () => {
    const { html, chunks, preloads } = await buildApp('lazyPagesApp', { sharedChunk: 'label' })
    const byName = (name: string) => chunks.find((chunk) => chunk.name === name)
    const [callPage, format, shared] = [byName('callPage'), byName('format'), byName('shared')]
    // The call page imports `shared`, which the entry imports too: the HTML names it already.
    expect(callPage?.imports).toContain(shared?.fileName)
    expect(chunks.find((chunk) => chunk.isEntry)?.imports).toContain(shared?.fileName)
    // Vite's own link for it, and the plugin's two: the shared chunk is named once.
    expect(html.split(`/${shared?.fileName}`).length - 1).toBe(1)
    expect(preloads).toEqual([
      `/${shared?.fileName}`,
      `/${callPage?.fileName}`,
      `/${format?.fileName}`,
    ])
  })

  it('a base without a trailing slash, or on a CDN, still prefixes with a slash', async () => {
    const { chunks, preloads } = await buildApp('lazySdkApp', { base: '/calls' })
    expect(preloads).toEqual([`/calls/${chunks.find(holdsSdk)?.fileName}`])
    const cdn = await buildApp('lazySdkApp', { base: 'https://cdn.example.com/app' })
    expect(cdn.preloads).toEqual([
      `https://cdn.example.com/app/${cdn.chunks.find(holdsSdk)?.fileName}`,
    ])
  })

  it('adds nothing when there is no bundle to look at', () => {
    const hook = callsSdkPreload()[0]?.transformIndexHtml
    const handler = typeof hook === 'function' ? hook : hook?.handler
    expect(
      handler?.call({} as never, '<html></html>', { path: '/', filename: 'index.html' }),
    ).toEqual([])
  })

  it('applies to builds only: the dev server is left alone', () => {
    for (const start of ['navigation', 'entry'] as const) {
      const plugins = callsSdkPreload({ start })
      expect(plugins.length).toBe(start === 'entry' ? 2 : 1)
      for (const plugin of plugins) expect(plugin.apply).toBe('build')
    }
  })
})

describe("callsSdkPreload({ start: 'entry' }): the entry chunk starts the SDK download", () => {
  const entryOf = (chunks: Rolldown.OutputChunk[]) => chunks.find((chunk) => chunk.isEntry)

  it('names the SDK chunk in a meta tag, not in a link the browser would fetch with the page', async () => {
    const { chunks, preloads, metas } = await buildApp('lazySdkApp', { plugin: { start: 'entry' } })
    expect(preloads).toEqual([])
    expect(metas).toEqual([`/${chunks.find(holdsSdk)?.fileName}`])
  })

  it("makes the starter the entry chunk's first module, ahead of the app's code", async () => {
    const { chunks } = await buildApp('lazySdkApp', { plugin: { start: 'entry' } })
    const entry = entryOf(chunks)
    const ids = entry?.moduleIds ?? []
    const starter = ids.findIndex((id) => id.endsWith('/sdk/startCallsSdkPreload.ts'))
    const app = ids.findIndex((id) => id.endsWith('/lazySdkApp/main.ts'))
    expect(starter).toBeGreaterThanOrEqual(0)
    expect(starter).toBeLessThan(app)
    const code = entry?.code ?? ''
    // Run at load (its top-level call kept despite the package's `sideEffects: false`), before the app.
    expect(code).toMatch(/\bstartCallsSdkPreload\(document\)/)
    const appCode = code.search(/document\.body\.append\(["'`]app/)
    expect(appCode).toBeGreaterThan(0)
    expect(code.indexOf('startCallsSdkPreload(document)')).toBeLessThan(appCode)
    expect(code).toContain('callsession:calls-sdk-chunk')
  })

  it("names what the SDK chunk imports too, with the app's base, and nothing the HTML loads", async () => {
    const { chunks, metas, html } = await buildApp('lazyPagesApp', {
      plugin: { start: 'entry' },
      base: '/calls/',
      sharedChunk: 'label',
    })
    const byName = (name: string) => chunks.find((chunk) => chunk.name === name)
    expect(metas).toEqual([
      `/calls/${byName('callPage')?.fileName}`,
      `/calls/${byName('format')?.fileName}`,
    ])
    expect(html).toContain(`/calls/${byName('shared')?.fileName}`)
  })

  it("declares the starter's side effect, so a package's `sideEffects: false` cannot drop it", () => {
    const starter = callsSdkPreload({ start: 'entry' })[0]
    const hook = starter?.resolveId
    const resolve = typeof hook === 'function' ? hook : hook?.handler
    const resolved = resolve?.call(
      {} as never,
      '/@callsession/start-calls-sdk-preload',
      undefined,
      {
        isEntry: false,
      } as never,
    )
    expect(resolved).toEqual({
      id: expect.stringMatching(/\/sdk\/startCallsSdkPreload\.ts$/),
      moduleSideEffects: true,
    })
    expect(resolve?.call({} as never, './main.ts', undefined, { isEntry: false } as never)).toBe(
      null,
    )
  })

  it('names nothing when the SDK is in the entry already', async () => {
    const { metas, preloads } = await buildApp('eagerSdkApp', { plugin: { start: 'entry' } })
    expect(metas).toEqual([])
    expect(preloads).toEqual([])
  })
})
