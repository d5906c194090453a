import type { Plugin, ResolvedConfig } from 'vite'

const SDK_PACKAGE = '@cometchat/calls-sdk-javascript'

/** Options of {@link callsSdkPreload}. */
export interface CallsSdkPreloadOptions {
  /** The module to preload. Default `@cometchat/calls-sdk-javascript`. */
  sdkPackage?: string
}

/** Whether a module id (a path, posix or win32, maybe with a query) belongs to `pkg`. */
const isFromPackage = (id: string, pkg: string) =>
  id.replaceAll('\\', '/').includes(`/node_modules/${pkg}/`)

/**
 * Vite plugin: names the Calls SDK chunk in your HTML (`<link rel="modulepreload">`), so the
 * browser fetches and compiles it from navigation start, in parallel with your app's own code,
 * instead of when sign-in starts. Every visit then downloads the SDK (about 700 kB gzipped), signed
 * in or not: use it where most visits sign in. Build only; the dev server is untouched.
 * @example plugins: [react(), callsSdkPreload()] // vite.config.ts
 */
export function callsSdkPreload(options: CallsSdkPreloadOptions = {}): Plugin {
  const sdkPackage = options.sdkPackage ?? SDK_PACKAGE
  // Stryker disable next-line StringLiteral: equivalent: configResolved sets it before any build transforms HTML
  let base = '/'
  return {
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
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${prefix}${file}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}
