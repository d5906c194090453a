import type { CallsSession, CallsSessionEvent, CallsSessionState } from '@callsession/core'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { readAnnouncement, type TabAnnouncement, type TabFacts } from './tabAnnouncement.js'

/** One event as the panel keeps it (with a key for React). */
export interface LoggedEvent {
  id: number
  event: CallsSessionEvent
}

/** What the panel shows, beyond the session's own state. */
export interface DevtoolsState {
  /** Oldest first; the newest `EVENT_LIMIT` only. */
  events: LoggedEvent[]
  /** This tab's facts, as announced. */
  self: TabFacts
  /** The other tabs whose panels announced themselves, by tab id. */
  others: Record<string, TabFacts>
}

/** How many events the panel keeps. */
export const EVENT_LIMIT = 200
/** How many other tabs it lists: a flood on the channel cannot grow memory without bound. */
export const TAB_LIMIT = 32

const newTabId = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36)}`

const factsOf = (state: CallsSessionState) => ({
  status: state.status,
  uid: 'user' in state ? state.user.uid : state.status === 'authenticating' ? state.uid : undefined,
})

/**
 * The panel's log of `session`: its events, and the tabs sharing it, learnt over the devtools'
 * own BroadcastChannel `channelName`. Inert until `connect()`, which returns the disconnect.
 */
export function createDevtoolsStore(
  session: CallsSession,
  channelName: string,
): StoreApi<DevtoolsState> & { connect(): () => void } {
  let serial = 0
  const store = createStore<DevtoolsState>()(() => ({
    events: [],
    self: {
      tabId: newTabId(),
      ...factsOf(session.getState()),
      lastRefreshAt: undefined,
      lastAdoptedAt: undefined,
    },
    others: {},
  }))

  function connect() {
    const channel =
      typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(channelName)
    const announce = (kind: TabAnnouncement['kind']) =>
      channel?.postMessage({ kind, facts: store.getState().self } satisfies TabAnnouncement)
    const updateSelf = (patch: Partial<TabFacts>) => {
      const { self } = store.getState()
      const next = { ...self, ...patch }
      if ((Object.keys(patch) as (keyof TabFacts)[]).every((key) => self[key] === next[key])) return
      store.setState({ self: next })
      announce('facts')
    }
    if (channel) {
      channel.onmessage = ({ data }: MessageEvent<unknown>) => {
        const note = readAnnouncement(data)
        if (!note || note.facts.tabId === store.getState().self.tabId) return
        const { others } = store.getState()
        const { [note.facts.tabId]: _gone, ...rest } = others
        if (note.kind === 'bye') return store.setState({ others: rest })
        if (!(note.facts.tabId in others) && Object.keys(others).length >= TAB_LIMIT) return
        store.setState({ others: { ...rest, [note.facts.tabId]: note.facts } })
        if (note.kind === 'hello') announce('facts')
      }
    }
    const stopEvents = session.on((event) => {
      store.setState(({ events }) => ({
        events: [...events.slice(-(EVENT_LIMIT - 1)), { id: ++serial, event }],
      }))
      if (event.type === 'TOKEN_REFRESHED') updateSelf({ lastRefreshAt: event.at })
      if (event.type === 'TAB_ADOPTED_GRANT') updateSelf({ lastAdoptedAt: event.at })
    })
    const stopState = session.subscribe((state) => updateSelf(factsOf(state)))
    updateSelf(factsOf(session.getState()))
    announce('hello')
    const leave = () => announce('bye')
    // Back from the back/forward cache after a `bye`: the others must learn of this tab again.
    const back = () => announce('hello')
    globalThis.addEventListener?.('pagehide', leave)
    globalThis.addEventListener?.('pageshow', back)
    return () => {
      stopEvents()
      stopState()
      globalThis.removeEventListener?.('pagehide', leave)
      globalThis.removeEventListener?.('pageshow', back)
      leave()
      channel?.close()
      store.setState({ others: {} })
    }
  }

  return Object.assign(store, { connect })
}
