import type { BuildPageOptions } from './buildPage.js'

/** A page the browser bench measures. */
export interface BenchPage {
  key: 'a' | 'b' | 'c' | 'd'
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
]
