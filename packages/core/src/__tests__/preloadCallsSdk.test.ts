import { beforeAll, describe, expect, it, vi } from 'vitest'

// The package is played failing once (a chunk that did not load), then loading for real.
const pkg = vi.hoisted(() => ({ failures: 0 }))
vi.mock('@cometchat/calls-sdk-javascript', async (importOriginal) => {
  if (pkg.failures > 0) {
    pkg.failures--
    throw new TypeError('Failed to fetch dynamically imported module')
  }
  return importOriginal()
})

let preloadCallsSdk: typeof import('../index.js').preloadCallsSdk
beforeAll(async () => {
  // Test files may share one module graph (the mutation config): core is imported afresh.
  vi.resetModules()
  ;({ preloadCallsSdk } = await import('../index.js'))
})

describe('preloadCallsSdk', () => {
  it('a failed load rejects, and the next call loads again', async () => {
    pkg.failures = 1
    await expect(preloadCallsSdk()).rejects.toThrow()
    const { CometChatCalls } = await vi.importActual<
      typeof import('@cometchat/calls-sdk-javascript')
    >('@cometchat/calls-sdk-javascript')
    await expect(preloadCallsSdk()).resolves.toBe(CometChatCalls)
  })

  it('resolves to the package’s CometChatCalls, and loads it once however often it is called', async () => {
    const first = preloadCallsSdk()
    expect(preloadCallsSdk()).toBe(first)
    const { CometChatCalls } = await vi.importActual<
      typeof import('@cometchat/calls-sdk-javascript')
    >('@cometchat/calls-sdk-javascript')
    await expect(first).resolves.toBe(CometChatCalls)
    expect(preloadCallsSdk()).toBe(first)
  })
})
