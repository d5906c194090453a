import { afterEach, describe, expect, it } from 'vitest'
import { SDK_CHUNK_META } from '../sdk/sdkChunkMeta.js'
import { startCallsSdkPreload } from '../sdk/startCallsSdkPreload.js'

// jsdom's real document: what is asserted is the link elements the browser would act on.
afterEach(() => {
  document.head.replaceChildren()
})

const meta = (attrs: Record<string, string>) => {
  const element = document.createElement('meta')
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value)
  document.head.append(element)
}
const preloadLinks = () => [...document.head.querySelectorAll('link[rel="modulepreload"]')]

describe("startCallsSdkPreload(): the entry's first module starts the SDK download", () => {
  it('adds one modulepreload link per file the HTML names, anonymous, in order', () => {
    meta({ name: SDK_CHUNK_META, content: '/assets/sdk-abc.js' })
    meta({ name: SDK_CHUNK_META, content: '/assets/shared-def.js' })
    expect(startCallsSdkPreload(document)).toBe(2)
    const links = preloadLinks() as HTMLLinkElement[]
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/assets/sdk-abc.js',
      '/assets/shared-def.js',
    ])
    // Anonymous CORS, as the module script that imports the chunk: the browser reuses the fetch.
    for (const link of links) expect(link.getAttribute('crossorigin')).toBe('')
  })

  it('starts nothing when the HTML names nothing (no plugin, or the SDK in the entry)', () => {
    meta({ name: 'viewport', content: 'width=device-width' })
    expect(startCallsSdkPreload(document)).toBe(0)
    expect(preloadLinks()).toEqual([])
  })

  it('skips a meta without content rather than preloading the page itself', () => {
    meta({ name: SDK_CHUNK_META, content: '' })
    meta({ name: SDK_CHUNK_META, content: '/assets/sdk-abc.js' })
    expect(startCallsSdkPreload(document)).toBe(1)
    expect(preloadLinks().map((link) => link.getAttribute('href'))).toEqual(['/assets/sdk-abc.js'])
  })

  it("carries the page's CSP nonce, from the meta Vite reads it from", () => {
    meta({ property: 'csp-nonce', nonce: 'r4nd0m' })
    meta({ name: SDK_CHUNK_META, content: '/assets/sdk-abc.js' })
    startCallsSdkPreload(document)
    expect((preloadLinks()[0] as HTMLLinkElement).nonce).toBe('r4nd0m')
  })

  it('sets no nonce when the page has none', () => {
    meta({ name: SDK_CHUNK_META, content: '/assets/sdk-abc.js' })
    startCallsSdkPreload(document)
    const link = preloadLinks()[0] as HTMLLinkElement
    expect(link.nonce).toBe('')
    expect(link.hasAttribute('nonce')).toBe(false)
  })
})
