/** What tabs of one origin tell each other. The token travels in memory, never through storage. */
export type TabMessage =
  | {
      type: 'grant'
      uid: string
      authToken: string
      expiresAt: number | undefined
      receivedAt: number
      user: { uid: string; name?: string; avatar?: string }
    }
  | { type: 'logout'; uid: string }

/** A BroadcastChannel to the other tabs, or a silent stand-in where there is none (Node, old browsers). */
export interface TabChannel {
  post(message: TabMessage): void
  close(): void
}

/** Opens the channel; messages that are not well-formed `TabMessage`s are dropped. */
export function openTabChannel(name: string, onMessage: (message: TabMessage) => void): TabChannel {
  if (typeof BroadcastChannel === 'undefined') return { post() {}, close() {} }
  const channel = new BroadcastChannel(name)
  channel.onmessage = ({ data }: MessageEvent<Partial<TabMessage> | null>) => {
    if (
      typeof data?.uid === 'string' &&
      (data.type === 'logout' ||
        (data.type === 'grant' &&
          typeof data.authToken === 'string' &&
          typeof data.receivedAt === 'number'))
    ) {
      onMessage(data as TabMessage)
    }
  }
  return { post: (message) => channel.postMessage(message), close: () => channel.close() }
}

type LockManagerLike = {
  request(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<boolean> | null,
  ): Promise<boolean | null>
}

/**
 * Runs `task` while holding the Web Lock `name`. With `ifAvailable`, answers `null` without running
 * it when another tab holds the lock. Without Web Locks, just runs `task`.
 */
export function withTabLock(
  name: string,
  task: () => Promise<void>,
  ifAvailable?: boolean,
): Promise<boolean | null> {
  const run = () => task().then(() => true)
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks
  return locks ? locks.request(name, { ifAvailable }, (lock) => (lock ? run() : null)) : run()
}
