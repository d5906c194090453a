/**
 * Counts the HTTP requests this process sends under `baseUrl` (CometChat's REST API, here the
 * emulator) by wrapping the global `fetch` while `run` executes.
 */
export async function countRequests<T>(
  baseUrl: string,
  run: () => Promise<T>,
): Promise<{ value: T; requests: string[] }> {
  const original = globalThis.fetch
  const requests: string[] = []
  globalThis.fetch = (input, init) => {
    const request = new Request(input, init)
    if (request.url.startsWith(baseUrl)) {
      requests.push(`${request.method} ${request.url.slice(baseUrl.length)}`)
    }
    return original(input, init)
  }
  try {
    return { value: await run(), requests }
  } finally {
    globalThis.fetch = original
  }
}
