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

export function openTabChannel(name: string, onMessage: (message: TabMessage) => void): TabChannel {
  if (typeof BroadcastChannel === 'undefined') return { post() {}, close() {} }
  const channel = new BroadcastChannel(name)
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data
    if (
      typeof message === 'object' &&
      message !== null &&
      typeof message.uid === 'string' &&
      (message.type === 'logout' ||
        (message.type === 'grant' &&
          typeof message.authToken === 'string' &&
          typeof message.receivedAt === 'number'))
    ) {
      onMessage(message)
    }
  }
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  }
}

interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>
}

function lockManager(): LockManagerLike | undefined {
  const nav: { locks?: LockManagerLike } | undefined =
    typeof navigator === 'undefined' ? undefined : (navigator as { locks?: LockManagerLike })
  return nav?.locks
}

/**
 * Runs `task` while holding the Web Lock `name`. With `ifAvailable`, answers `false` without running
 * when another tab holds it. Without Web Locks, just runs `task`.
 */
export async function withTabLock(
  name: string,
  task: () => Promise<void>,
  { ifAvailable = false } = {},
): Promise<boolean> {
  const locks = lockManager()
  if (!locks) {
    await task()
    return true
  }
  let ran = false
  await locks.request(name, { ifAvailable }, async (lock) => {
    if (lock === null) return
    ran = true
    await task()
  })
  return ran
}
