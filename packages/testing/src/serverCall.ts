/** What one request to CometChat came to: its `data`, or the message v5 puts in its errors. */
export type ServerAnswer =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; message: string }

/** v5's text for an error body without all of `code`, `message`, `devMessage` and `source`. */
export const UNKNOWN_FORMAT = 'Unknown API error format received from server'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Sends one request and reads CometChat's envelope the way v5 does: `{ data }` is success; an
 * error needs all four of `code`, `message`, `devMessage`, `source` or its message becomes
 * "Unknown API error format received from server"; a network failure gives its own message.
 */
export async function serverCall(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
): Promise<ServerAnswer> {
  let response: Response
  try {
    response = await fetchImpl(url, init)
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) }
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (response.ok && isRecord(body) && isRecord(body.data) && body.error === undefined) {
    return { ok: true, data: body.data }
  }
  const error = isRecord(body) ? body.error : undefined
  const complete =
    isRecord(error) &&
    (['code', 'message', 'devMessage', 'source'] as const).every(
      (key) => typeof error[key] === 'string',
    )
  return { ok: false, message: complete ? String(error.message) : UNKNOWN_FORMAT }
}
