import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { sourceConditions } from '../../../vitest.shared.ts'

const pageRoot = resolve(dirname(fileURLToPath(import.meta.url)), 'page')

/** What the page needs to know at build time. */
export interface PageSettings {
  appId: string
  region: string
  host: string
  uid: string
}

/**
 * Builds the test page with Vite, as an app would be built: `production` is what ships, and
 * `development` is what the browser test serves (the panel renders only there).
 */
export async function buildPage(
  mode: 'production' | 'development',
  settings: PageSettings = { appId: 'app', region: 'us', host: 'http://127.0.0.1:9/', uid: 'u1' },
): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), `callsession-devtools-${mode}-`))
  // Vite derives the build's NODE_ENV from the process's, which vitest sets to "test".
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = mode
  try {
    await build({
      root: pageRoot,
      configFile: false,
      mode,
      logLevel: 'error',
      ...sourceConditions,
      define: { __PAGE__: JSON.stringify(settings) },
      build: { outDir, emptyOutDir: true, minify: mode === 'production' },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  return outDir
}

/** Every text file of a build, with its path. */
export async function readBuild(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile() && /\.(js|mjs|css|html|map)$/.test(e.name))
  return Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name)
      return { path, text: await readFile(path, 'utf8') }
    }),
  )
}
