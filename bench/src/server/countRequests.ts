import type { RunningEmulator } from '@callsession/emulator'

/**
 * Counts the CometChat REST requests `run` caused, from the emulator's own request log (what
 * actually reached "CometChat", whatever fetch the client captured).
 */
export async function countRequests<T>(
  emulator: Pick<RunningEmulator, 'control'>,
  run: () => Promise<T>,
): Promise<{ value: T; requests: string[] }> {
  await emulator.control('DELETE', 'log')
  const value = await run()
  const answer = await emulator.control('GET', 'log')
  const { data } = (await answer.json()) as { data: { method: string; path: string }[] }
  return {
    value,
    requests: data.filter((e) => e.path.startsWith('/v3/')).map((e) => `${e.method} ${e.path}`),
  }
}
