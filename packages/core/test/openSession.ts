import type { CometChatCallsV5Model } from '@callsession/testing'
import type {
  CallsSession,
  CallsSessionEvent,
  CallsSessionOptions,
  CallsSessionState,
  CometChatCallsSdk,
} from '../src/index.js'
import { createCallsSession } from '../src/index.js'
import type { CometChat } from './cometchat.js'

const opened: CallsSession[] = []

/**
 * A session on the harness's CometChat: by default one page's v5 model over HTTP against the
 * emulator and the msw token endpoint; pass `cometchat.realSdkV4()` for the real 4.2.6 package.
 * Records every state and event, and resolves `next(type)` on the next event of that type.
 */
export function openSession<S extends CometChatCallsSdk = CometChatCallsV5Model>(
  cometchat: CometChat,
  options: Partial<Omit<CallsSessionOptions, 'sdk'>> & { sdk?: S } = {},
) {
  const sdk = (options.sdk ?? cometchat.createSdk()) as S
  const { tokenEndpoint, ...hosts } = cometchat.options
  const session = createCallsSession({
    ...hosts,
    ...(options.fetchToken ? {} : { tokenEndpoint }),
    ...options,
    sdk,
  })
  opened.push(session)
  const states: CallsSessionState[] = []
  const events: CallsSessionEvent[] = []
  const waiting: { type: CallsSessionEvent['type']; resolve: (e: CallsSessionEvent) => void }[] = []
  session.subscribe((state) => states.push(state))
  session.on((event) => {
    events.push(event)
    for (const wait of waiting.filter((w) => w.type === event.type)) {
      waiting.splice(waiting.indexOf(wait), 1)
      wait.resolve(event)
    }
  })
  return {
    session,
    sdk,
    states,
    events,
    statuses: () => states.map((s) => s.status),
    /** Resolves with the next event of `type` (an explicit signal to wait on). */
    next: (type: CallsSessionEvent['type']) =>
      new Promise<CallsSessionEvent>((resolve) => waiting.push({ type, resolve })),
  }
}

/** Destroys every session `openSession` opened (afterEach). */
export function destroySessions(): void {
  for (const session of opened.splice(0)) session.destroy()
}
