import type { BuildPageOptions } from './buildPage.js'

/** A page the browser bench measures. */
export interface BenchPage {
  key: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g'
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
    build: { sdkPreload: 'navigation' },
  },
  {
    // (a) built with core's Vite plugin: the HTML names the SDK chunk, fetched from navigation start.
    key: 'e',
    page: 'pages/provider-preload',
    label: '(e) = (a) + callsSdkPreload() Vite plugin',
    build: { sdkPreload: 'navigation' },
  },
  {
    // (a) with the preload in the entry's first import: starts before React evaluates.
    key: 'f',
    page: 'pages/provider-preload-first',
    label: '(f) = (a), preload in the first import',
  },
  {
    // (a) built with the plugin's `start: 'entry'`: the SDK request goes out as the entry chunk
    // starts running, after the entry's own bytes, so the two never share the network.
    key: 'g',
    page: 'pages/provider-preload',
    label: "(g) = (a) + callsSdkPreload({ start: 'entry' })",
    build: { sdkPreload: 'entry' },
  },
]
