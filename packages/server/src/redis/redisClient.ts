/**
 * The part of a connected node-redis client (`redis` ≥ 5, `createClient()`) the stores use: raw
 * commands. Structural, so that this subpath has no import of `redis` at run time and a test can
 * wrap a client (e.g. to make it fail).
 */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>
}

/** Options every Redis-backed store takes. */
export interface RedisStoreOptions {
  /** A connected node-redis client (`await createClient({ url }).connect()`), shared by the stores. */
  client: RedisCommandClient
  /** Prefix of every key (default `callsession:`); give each app its own when they share a Redis. */
  prefix?: string
}

export const DEFAULT_PREFIX = 'callsession:'

/** Runs a Lua script (EVAL; Redis caches compiled scripts by their hash). */
export function evalScript(
  client: RedisCommandClient,
  script: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  return client.sendCommand(['EVAL', script, String(keys.length), ...keys, ...args.map(String)])
}

/** Milliseconds as Redis' PX wants them: a whole number ≥ 1. */
export function px(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`TTL must be positive, got ${ms} ms`)
  return String(Math.max(1, Math.ceil(ms)))
}
