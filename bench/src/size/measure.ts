import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Minified and gzipped bytes of one bundle. */
export interface BundleSize {
  minified: number
  gzipped: number
}

type Measure = (options: { entry: string; external: string[] }) => Promise<BundleSize>

/** The monorepo root (the bench lives in `<root>/bench`). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

let loaded: Promise<Measure> | undefined

/**
 * The repo's own `measure` from `scripts/size.mjs` (esbuild, browser, ESM, minify, gzip -9), so the
 * bench and the size budgets build every bundle the same way.
 *
 * That script also runs the budget check when imported (it has no main guard), with paths relative
 * to the working directory: it prints its own table and exits when `dist/` is missing. So
 * `pnpm bench` runs from the repo root (esbuild takes its working directory once, at load), builds
 * the packages first and mutes that one table, so it still prints a single table.
 */
export function loadMeasure(): Promise<Measure> {
  loaded ??= (async () => {
    if (resolve(process.cwd()) !== resolve(repoRoot)) {
      throw new Error(`run the bench from the repo root (${repoRoot}): use \`pnpm bench\``)
    }
    const table = console.table
    console.table = () => {}
    try {
      const module = (await import(join(repoRoot, 'scripts/size.mjs'))) as { measure: Measure }
      return module.measure
    } finally {
      console.table = table
    }
  })()
  return loaded
}
