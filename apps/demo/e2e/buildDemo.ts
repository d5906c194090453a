import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export const demoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Builds the demo the way `pnpm build` does (or in `development` mode) into a fresh temp dir. */
export async function buildDemo(
  mode: 'production' | 'development' = 'production',
): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), `callsession-demo-${mode}-`))
  // Vite derives `import.meta.env.DEV` from NODE_ENV, which vitest sets to "test": build as
  // `pnpm build` does (NODE_ENV unset means production).
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = mode
  try {
    await build({
      root: demoRoot,
      configFile: join(demoRoot, 'vite.config.ts'),
      mode,
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  return outDir
}

/** Every text file of a build, concatenated with its path (what a scan looks through). */
export async function readBuild(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile() && /\.(js|mjs|css|html|json|map)$/.test(e.name))
  return Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name)
      return { path, text: await readFile(path, 'utf8') }
    }),
  )
}
