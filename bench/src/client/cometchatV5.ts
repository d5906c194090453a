import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { type CometChatCallsV5Model, createCometChatCallsV5Model } from '@callsession/testing'

/** A Web Storage in memory, for the v5 model outside a browser (the bench runs in Node). */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>()
  get length() {
    return this.#items.size
  }
  clear() {
    this.#items.clear()
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.#items.delete(key)
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value))
  }
}

/** Node's fetch, taken before any fake clock or interceptor: the SDK talks to the emulator over HTTP. */
const nodeFetch = globalThis.fetch.bind(globalThis)

/**
 * What the v5 rows are measured with: the faithful v5 model of `@callsession/testing` talking over
 * HTTP to the emulator (started once per process), and real tokens minted with the REST API key.
 */
export interface BenchCometChat {
  emulator: RunningEmulator
  /** Session options pointing at the emulator's v5 hosts. */
  options: { appId: string; region: string; host: string; clientHost: string; adminHost: string }
  /** A page's `CometChatCalls`: a fresh model on `storage` (default the page's localStorage). */
  createSdk(storage?: Storage): CometChatCallsV5Model
  /** A real auth token for `uid` (`POST /v3/users/{uid}/auth_tokens`). */
  mint(uid: string): Promise<string>
}

let shared: Promise<BenchCometChat> | undefined

/** The process's emulator and v5 model factory (started on first use). */
export function benchCometChat(): Promise<BenchCometChat> {
  shared ??= (async () => {
    // A browser's pages share one localStorage, which v5 and core both read: give Node one.
    globalThis.localStorage ??= new MemoryStorage()
    const emulator = await startEmulator({ port: 0 })
    const rest = (method: string, path: string, body?: unknown) =>
      nodeFetch(`${emulator.restBaseUrl}${path}`, {
        method,
        headers: { apiKey: emulator.apiKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((response) => response.json() as Promise<{ data?: { authToken?: string } }>)
    await rest('POST', '/users', { uid: 'alice', name: 'Alice' })
    return {
      emulator,
      options: { appId: emulator.appId, region: emulator.region, ...emulator.sdkHosts },
      createSdk: (storage = globalThis.localStorage) =>
        createCometChatCallsV5Model({ fetch: nodeFetch, storage }),
      async mint(uid) {
        const { data } = await rest('POST', `/users/${uid}/auth_tokens`, { force: true })
        return String(data?.authToken)
      },
    }
  })()
  return shared
}

/** Stops the shared emulator (end of a bench run or a test file). */
export async function closeBenchCometChat(): Promise<void> {
  const running = shared
  shared = undefined
  if (running) await (await running).emulator.close()
}
