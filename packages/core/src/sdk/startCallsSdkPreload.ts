import { SDK_CHUNK_META } from './sdkChunkMeta.js'

/**
 * Starts downloading the files the HTML names in `<meta name="callsession:calls-sdk-chunk">`, each
 * with a `<link rel="modulepreload">` (fetched and compiled, not run), and returns how many.
 * `callsSdkPreload({ start: 'entry' })` makes this module the first one of the app's entry chunk,
 * so the request goes out as soon as the entry's own bytes have arrived, before the app's code
 * runs, and synchronously (a bundler's `import()` helper would wait for a microtask, i.e. for the
 * whole entry to run). Carries the CSP nonce of `<meta property="csp-nonce">`, as Vite's does.
 */
export function startCallsSdkPreload(doc: Document): number {
  const nonceMeta = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')
  const nonce = nonceMeta?.nonce || nonceMeta?.getAttribute('nonce') || undefined
  let started = 0
  for (const meta of doc.querySelectorAll<HTMLMetaElement>(`meta[name="${SDK_CHUNK_META}"]`)) {
    if (!meta.content) continue
    const link = doc.createElement('link')
    link.rel = 'modulepreload'
    // Anonymous, as the module script that imports the chunk later is: the fetch is reused.
    link.crossOrigin = ''
    link.href = meta.content
    if (nonce) link.nonce = nonce
    doc.head.append(link)
    started++
  }
  return started
}

if (typeof document !== 'undefined') startCallsSdkPreload(document)
