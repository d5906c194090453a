import { type RunningEmulator, startEmulator } from '@callsession/emulator'

/** One recorded request as the model sent it (header names lowercased by `Headers`). */
export interface SentRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

/**
 * A `fetch` that records what the model sends and then really sends it (to the emulator over
 * HTTP): the wire is checked from both ends, the model's request and the emulator's log.
 */
export function recordingFetch(target: typeof fetch = (i, o) => globalThis.fetch(i, o)) {
  const sent: SentRequest[] = []
  const fetchImpl: typeof fetch = async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const text = typeof init?.body === 'string' ? init.body : undefined
    sent.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers,
      body: text === undefined ? undefined : JSON.parse(text),
    })
    return target(input, init)
  }
  return { fetch: fetchImpl, sent }
}

/** Starts an emulator on a free port with helpers to mint tokens and read its request log. */
export async function emulatorForTests() {
  const emulator: RunningEmulator = await startEmulator({ port: 0 })
  const control = (method: string, path: string) => emulator.control(method, path)
  return {
    emulator,
    settings: () => ({ appId: emulator.appId, region: emulator.region, ...emulator.sdkHosts }),
    /** A new auth token for `uid`, as the app's server would get it (REST, API key). */
    async mint(uid = 'cometchat-uid-1'): Promise<string> {
      const answer = await fetch(`${emulator.restBaseUrl}/users/${uid}/auth_tokens`, {
        method: 'POST',
        headers: { apiKey: emulator.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ force: true }),
      })
      return ((await answer.json()) as { data: { authToken: string } }).data.authToken
    },
    async revoke(uid: string, authToken: string) {
      await fetch(`${emulator.restBaseUrl}/users/${uid}/auth_tokens/${authToken}`, {
        method: 'DELETE',
        headers: { apiKey: emulator.apiKey },
      })
    },
    /** `METHOD /path` of every CometChat request since the last `clearLog`. */
    async requests(): Promise<string[]> {
      const { data } = (await (await control('GET', 'log')).json()) as {
        data: { method: string; path: string }[]
      }
      return data.map((entry) => `${entry.method} ${entry.path}`)
    },
    clearLog: () => control('DELETE', 'log'),
    reset: () => control('POST', 'reset'),
    close: () => emulator.close(),
  }
}
