/**
 * Calls one of an emulator's controls (`/__emulator/{path}`) with its API key, which the controls
 * require. For an emulator in another process, pass its URL and API key.
 * @example await emulatorControl(emulator, 'POST', 'users/cometchat-uid-1/expire-tokens')
 */
export function emulatorControl(
  emulator: { url: string; apiKey: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${emulator.url}/__emulator/${path.replace(/^\//, '')}`, {
    method,
    headers: {
      apiKey: emulator.apiKey,
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
}
