import { JSDOM } from 'jsdom'

/**
 * Gives `pnpm bench` (plain Node) the browser globals React DOM needs, the way vitest's jsdom
 * environment does for the tests. Does nothing when a DOM is already there.
 */
export function installDom(): void {
  if (typeof document !== 'undefined') return
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://localhost/',
    pretendToBeVisual: true,
  })
  const globals = globalThis as Record<string, unknown>
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in globalThis) continue
    globals[key] = (window as unknown as Record<string, unknown>)[key]
  }
  globals.window = window
  globals.document = window.document
  Object.defineProperty(globalThis, 'navigator', { value: window.navigator, configurable: true })
  globals.IS_REACT_ACT_ENVIRONMENT = true
}
