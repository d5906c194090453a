/**
 * Counts the CometChat REST requests `run` caused, from the emulator's own request log (what
 * actually reached "CometChat", whatever fetch the client captured).
 */
export async function countRequests<T>(
  emulator: { url: string },
  run: () => Promise<T>,
): Promise<{ value: T; requests: string[] }> {
  await fetch(`${emulator.url}/__emulator/log`, { method: 'DELETE' })
  const value = await run()
  const answer = await fetch(`${emulator.url}/__emulator/log`)
  const { data } = (await answer.json()) as { data: { method: string; path: string }[] }
  return {
    value,
    requests: data.filter((e) => e.path.startsWith('/v3/')).map((e) => `${e.method} ${e.path}`),
  }
}
