import type { BuildPageOptions } from './buildPage.js'

/** A page the browser bench measures. */
export interface BenchPage {
  key: 'a' | 'b' | 'c' | 'd' | 'e' | 'f'
  /** Folder under bench/browser. */
  page: string
  label: string
  build?: BuildPageOptions
}

export const PAGES: readonly BenchPage[] = [
  { key: 'a', page: 'pages/provider-preload', label: '(a) provider + preloadCallsSdk()' },
  { key: 'b', page: 'pages/provider', label: '(b) provider, no preload' },
  { key: 'c', page: 'pages/seed-eager', label: "(c) seed's eager pattern" },
  {
    key: 'd',
    page: 'pages/floor',
    label: '(d) floor',
    build: { preloadSdkFromHtml: true },
  },
  {
    // Not a pattern core offers today: what (a) gains when the HTML also names the SDK chunk, as
    // a build plugin could write it (see README: what core could change).
    key: 'e',
    page: 'pages/provider-preload',
    label: '(e) = (a) + SDK modulepreload in the HTML',
    build: { preloadSdkFromHtml: true },
  },
  {
    // (a) with the preload in the entry's first import: starts before React evaluates.
    key: 'f',
    page: 'pages/provider-preload-first',
    label: '(f) = (a), preload in the first import',
  },
]
