/**
 * The browser storage around the v5 SDK. v5 writes the logged-in user **with its auth token** to
 * `localStorage["{appId}:common_store/user"]` and restores it in `init`; core reads only its uid,
 * and removes it when `persistSdkSession` is false. Core's own record holds no secret: the uid and
 * the token's lifetime, so a restored session is still refreshed on schedule after a reload.
 * Every access is absent-safe (SSR, Safari private mode, storage disabled).
 */

/** Where v5 keeps its user and token. */
export const sdkUserKey = (appId: string) => `${appId}:common_store/user`
/** Where core keeps its non-secret `{ uid, receivedAt, expiresAt }` record. */
export const lifetimeKey = (appId: string) => `callsession:${appId}:lifetime`

/** The token's lifetime, as core last saw it (epoch ms). No token. */
export interface LifetimeRecord {
  uid: string
  receivedAt: number
  expiresAt: number | undefined
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}

function read(key: string): unknown {
  try {
    const raw = storage()?.getItem(key)
    return raw ? JSON.parse(raw) : undefined
  } catch {
    return undefined
  }
}

/** Removes `key`; storage that refuses is ignored (there is then nothing at rest to remove). */
export function remove(key: string): void {
  try {
    storage()?.removeItem(key)
  } catch {}
}

/** The uid of the user v5 saved for `appId`, if any: a reload will restore it without a token request. */
export function savedSdkUid(appId: string): string | undefined {
  const saved = read(sdkUserKey(appId)) as { uid?: unknown } | undefined
  return typeof saved?.uid === 'string' ? saved.uid : undefined
}

export function readLifetime(appId: string): LifetimeRecord | undefined {
  const value = read(lifetimeKey(appId)) as Partial<LifetimeRecord> | undefined
  if (typeof value?.uid !== 'string' || typeof value.receivedAt !== 'number') return undefined
  const { expiresAt } = value
  return {
    uid: value.uid,
    receivedAt: value.receivedAt,
    expiresAt: typeof expiresAt === 'number' ? expiresAt : undefined,
  }
}

export function writeLifetime(appId: string, { uid, receivedAt, expiresAt }: LifetimeRecord): void {
  try {
    // Only these three fields: never the token.
    storage()?.setItem(lifetimeKey(appId), JSON.stringify({ uid, receivedAt, expiresAt }))
  } catch {}
}
