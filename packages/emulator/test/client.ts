import { emulatorControl, type RunningEmulator } from '../src/index.js'

/** A tiny JSON client for an emulator: the REST API with its apiKey, or any path without. */
export function clientFor(emulator: RunningEmulator) {
  async function call(
    method: string,
    url: string,
    { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
  ) {
    return read(
      await fetch(url, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    )
  }
  async function read(response: Response) {
    const json = (await response.json().catch(() => undefined)) as
      | {
          data?: unknown
          meta?: unknown
          error?: {
            code: string
            message: string
            devMessage?: string
            source?: string
            details?: unknown
          }
        }
      | undefined
    return { status: response.status, headers: response.headers, ...json }
  }
  const withKey = { apiKey: emulator.apiKey }
  return {
    rest: (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = withKey,
    ) => call(method, `${emulator.restBaseUrl}${path}`, { body, headers }),
    calls: (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      call(method, `${emulator.callsHost}${path}`, { body, headers }),
    /** Calls SDK v5's base (`sdkHosts.host`; all three are the same). */
    v5: (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      call(method, `${emulator.sdkHosts.host}/${path}`, { body, headers }),
    /** A control, with the API key the controls require. */
    control: async (method: string, path: string, body?: unknown) =>
      read(await emulatorControl(emulator, method, path, body)),
  }
}
