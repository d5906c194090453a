// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { describe, expect, it } from 'vitest'

/** Resolves `@tanstack/react-query` the way a bundler does in an app that never installed it. */
const notInstalled: Plugin = {
  name: 'react-query-not-installed',
  setup(build) {
    build.onResolve({ filter: /^@tanstack\/react-query(\/|$)/ }, ({ path }) => ({
      errors: [{ text: `Could not resolve "${path}" (not installed)` }],
    }))
  },
}

/** Bundles one entry of this package for the browser, as an app's bundler would. */
const bundle = (entry: string) =>
  build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['@callsession/source'],
    external: ['react', 'react/*', 'react-dom', '@cometchat/calls-sdk-javascript'],
    plugins: [notInstalled],
    logLevel: 'silent',
  })

describe('@tanstack/react-query is an optional peer', () => {
  it('the main entry bundles in an app without @tanstack/react-query', async () => {
    const result = await bundle('index.ts')
    expect(result.errors).toEqual([])
    expect(new TextDecoder().decode(result.outputFiles[0]?.contents)).toContain(
      'CometChatAuthProvider',
    )
  })

  it('only the /react-query entry needs it (the check above can fail)', async () => {
    await expect(bundle('reactQuery.tsx')).rejects.toThrow(/@tanstack\/react-query/)
  })

  it('is declared optional in package.json', async () => {
    const { default: manifest } = await import('../../package.json', { with: { type: 'json' } })
    expect(manifest.peerDependenciesMeta['@tanstack/react-query']).toEqual({ optional: true })
    expect(manifest.dependencies).not.toHaveProperty('@tanstack/react-query')
  })
})
