import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type CallsSdkPreloadStart, callsSdkPreload } from '@callsession/core/vite'
import react from '@vitejs/plugin-react'
import { build, defaultClientConditions, type Plugin } from 'vite'

/** bench/browser: the pages (and the byte-count apps) the browser bench builds. */
export const browserRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../browser')

const SDK_MODULE = '@cometchat/calls-sdk-javascript'

/** One JavaScript chunk of a build, as Rolldown emitted it. */
export interface BuiltChunk {
  fileName: string
  isEntry: boolean
  /** Chunks it imports statically (they load with it). */
  imports: string[]
  /** Whether the Calls SDK's module is in this chunk. */
  hasSdk: boolean
}

/** A production build of one page, in its own temp dir. */
export interface BuiltPage {
  name: string
  dir: string
  chunks: BuiltChunk[]
  /** The chunk that holds the Calls SDK (for the seed's page, the entry itself). */
  sdkChunk: BuiltChunk | undefined
  /** The entry chunk and every chunk it imports statically: what loads before any dynamic import. */
  initialChunks: BuiltChunk[]
}

export interface BuildPageOptions {
  /**
   * Build with core's `callsSdkPreload()` Vite plugin, the SDK download starting with the page
   * (`'navigation'`: a modulepreload link in the HTML) or as the entry chunk starts (`'entry'`).
   */
  sdkPreload?: CallsSdkPreloadStart
  /** Skip minification (a faster build, for the ordering test). Default false. */
  minify?: boolean
}

/** Records every chunk of the bundle. */
function chunkReport(chunks: BuiltChunk[]): Plugin {
  return {
    name: 'bench-chunk-report',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue
        chunks.push({
          fileName: output.fileName,
          isEntry: output.isEntry,
          imports: output.imports,
          hasSdk: output.moduleIds.some((id) => id.includes(SDK_MODULE)),
        })
      }
    },
  }
}

/**
 * Builds `bench/browser/<page>` with Vite in production mode, the way an app's `vite build` does
 * (workspace packages from their source, as the demo builds them).
 */
export async function buildPage(page: string, options: BuildPageOptions = {}): Promise<BuiltPage> {
  const root = join(browserRoot, page)
  const dir = await mkdtemp(join(tmpdir(), `callsession-bench-${page.replaceAll('/', '-')}-`))
  const chunks: BuiltChunk[] = []
  // Vite derives `import.meta.env.DEV` from NODE_ENV, which vitest sets to "test".
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root,
      configFile: false,
      mode: 'production',
      logLevel: 'error',
      plugins: [
        react(),
        chunkReport(chunks),
        ...(options.sdkPreload ? callsSdkPreload({ start: options.sdkPreload }) : []),
      ],
      resolve: { conditions: ['@callsession/source', ...defaultClientConditions] },
      build: {
        outDir: dir,
        emptyOutDir: true,
        sourcemap: false,
        minify: options.minify ?? true,
        chunkSizeWarningLimit: 3_000,
      },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  const entry = chunks.find((chunk) => chunk.isEntry)
  if (!entry) throw new Error(`bench: ${page} has no entry chunk`)
  return {
    name: page,
    dir,
    chunks,
    sdkChunk: chunks.find((chunk) => chunk.hasSdk),
    initialChunks: staticClosure(entry, chunks),
  }
}

function staticClosure(entry: BuiltChunk, chunks: BuiltChunk[]): BuiltChunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const seen = new Map<string, BuiltChunk>()
  const visit = (chunk: BuiltChunk) => {
    if (seen.has(chunk.fileName)) return
    seen.set(chunk.fileName, chunk)
    for (const name of chunk.imports) {
      const next = byName.get(name)
      if (next) visit(next)
    }
  }
  visit(entry)
  return [...seen.values()]
}
