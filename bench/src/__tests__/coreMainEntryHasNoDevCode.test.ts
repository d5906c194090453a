import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const coreSrc = fileURLToPath(new URL('../../../packages/core/src/', import.meta.url))

// Names only the development-only Auth-Key path has: its export, the Auth-Key header and the
// dev auth endpoint (`POST {callsHost}users/{uid}/auth_tokens`).
const devMarkers = ['loginWithAuthKey', 'authKey', 'auth_tokens']

/** Bundles one core entry the way an app's bundler would (names kept, so markers stay visible). */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [`${coreSrc}${entry}`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    conditions: ['@callsession/source'],
    external: ['zustand', 'zustand/*', '@tanstack/query-core', '@cometchat/calls-sdk-javascript'],
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return result.outputFiles[0]?.text ?? ''
}

describe('the @callsession/core main entry', () => {
  it('ships none of the dev Auth-Key code', async () => {
    const dev = await bundle('dev.ts')
    const main = await bundle('index.ts')

    // The markers are real: the dev entry has every one of them.
    for (const marker of devMarkers) expect(dev).toContain(marker)
    for (const marker of devMarkers) expect(main).not.toContain(marker)
  })
})
