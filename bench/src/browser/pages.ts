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
    // (a) built with core's Vite plugin: the HTML names the SDK chunk, fetched from navigation start.
    key: 'e',
    page: 'pages/provider-preload',
    label: '(e) = (a) + callsSdkPreload() Vite plugin',
    build: { preloadSdkFromHtml: true },
  },
  {
    // (a) with the preload in the entry's first import: starts before React evaluates.
    key: 'f',
    page: 'pages/provider-preload-first',
    label: '(f) = (a), preload in the first import',
  },
]
