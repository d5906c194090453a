import { fileURLToPath } from 'node:url'
import type { HtmlTagDescriptor, Plugin, ResolvedConfig } from 'vite'
import { SDK_CHUNK_META } from './sdk/sdkChunkMeta.js'

const SDK_PACKAGE = '@cometchat/calls-sdk-javascript'

/** The `<script src>` the `'entry'` start puts first in the HTML; resolved to the starter module. */
const STARTER_SRC = '/@callsession/start-calls-sdk-preload'

/** When the browser starts downloading the Calls SDK chunk; see {@link CallsSdkPreloadOptions}. */
export type CallsSdkPreloadStart = 'navigation' | 'entry'

/** Options of {@link callsSdkPreload}. */
export interface CallsSdkPreloadOptions {
  /** The module to preload. Default `@cometchat/calls-sdk-javascript`. */
  sdkPackage?: string
  /**
   * When the SDK chunk starts downloading.
   * - `'navigation'` (default): with the page, from a `<link rel="modulepreload">` in the HTML. The
   *   soonest sign-in, but the SDK's bytes share the network with your entry chunk's, so your
   *   first paint comes later.
   * - `'entry'`: as your entry chunk starts running, before your code (the plugin makes a small
   *   module its first one). The entry's own bytes have arrived by then, so the first paint is not
   *   delayed; the SDK arrives about one round trip plus your entry's download later.
   */
  start?: CallsSdkPreloadStart
}

/** Whether a module id (a path, posix or win32, maybe with a query) belongs to `pkg`. */
const isFromPackage = (id: string, pkg: string) =>
  id.replaceAll('\\', '/').includes(`/node_modules/${pkg}/`)

/** The starter module's file, next to this one (`.ts` from the workspace sources, else `.js`). */
const starterFile = () =>
  fileURLToPath(
    new URL(
      `./sdk/startCallsSdkPreload.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
      import.meta.url,
    ),
  )

/**
 * Vite plugins: the browser fetches and compiles the Calls SDK chunk early (`<link
 * rel="modulepreload">`), from navigation start or, with `start: 'entry'`, as your entry chunk
 * starts running, instead of when sign-in starts. Every visit then downloads the SDK (about 700 kB
 * gzipped), signed in or not: use it where most visits sign in. Build only; the dev server is
 * untouched.
 * @example plugins: [react(), callsSdkPreload()] // vite.config.ts
 */
export function callsSdkPreload(options: CallsSdkPreloadOptions = {}): Plugin[] {
  const sdkPackage = options.sdkPackage ?? SDK_PACKAGE
  const start = options.start ?? 'navigation'
  // Stryker disable next-line StringLiteral: equivalent: configResolved sets it before any build transforms HTML
  let base = '/'
  const names: Plugin = {
    // Stryker disable next-line StringLiteral: the name only labels the plugin in Vite's logs
    name: 'callsession:calls-sdk-preload',
    apply: 'build',
    configResolved(config: ResolvedConfig) {
      base = config.base
    },
    transformIndexHtml: {
      // Stryker disable next-line StringLiteral: equivalent: Vite runs normal and post HTML hooks in one pass, with the bundle
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return []
        const chunks = Object.values(bundle).flatMap((output) =>
          output.type === 'chunk' ? [output] : [],
        )
        const sdkChunks = chunks.filter(
          (chunk) => !chunk.isEntry && chunk.moduleIds.some((id) => isFromPackage(id, sdkPackage)),
        )
        // The SDK chunk and what it imports statically, less what the HTML already loads.
        const files = new Set<string>()
        for (const chunk of sdkChunks) {
          files.add(chunk.fileName)
          for (const name of chunk.imports) files.add(name)
        }
        // The entry and its preloads are in the HTML already.
        for (const file of files) if (html.includes(file)) files.delete(file)
        // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral,MethodExpression: equivalent: a build's base is './' or ends in '/' (Vite's resolveBaseUrl)
        const prefix = base === '' || base === './' ? './' : base.endsWith('/') ? base : `${base}/`
        return [...files].map(
          (file): HtmlTagDescriptor =>
            start === 'entry'
              ? {
                  tag: 'meta',
                  attrs: { name: SDK_CHUNK_META, content: `${prefix}${file}` },
                  injectTo: 'head',
                }
              : {
                  tag: 'link',
                  attrs: { rel: 'modulepreload', crossorigin: true, href: `${prefix}${file}` },
                  injectTo: 'head',
                },
        )
      },
    },
  }
  if (start !== 'entry') return [names]
  // The starter goes first in the HTML, so it is the entry chunk's first module: it reads the meta
  // tags above and adds the links. Its own side effect is the point: kept despite `sideEffects`.
  const starter: Plugin = {
    // Stryker disable next-line StringLiteral: the name only labels the plugin in Vite's logs
    name: 'callsession:calls-sdk-preload-starter',
    apply: 'build',
    resolveId(id) {
      return id === STARTER_SRC ? { id: starterFile(), moduleSideEffects: true } : null
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'script', attrs: { type: 'module', src: STARTER_SRC }, injectTo: 'head-prepend' },
      ],
    },
  }
  return [starter, names]
}
