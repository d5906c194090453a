import type {
  CallsSession,
  CallsSessionEvent,
  CallsSessionState,
  CometChatCallsSdk,
  FetchToken,
  TokenGrant,
} from '@callsession/core'
import { createCallsSession } from '@callsession/core'
import { act } from '@testing-library/react'
import { vi } from 'vitest'
import { createStore } from 'zustand/vanilla'

/** An event as a test writes it: `at` and `uid` may be left out. */
export type EventBody = CallsSessionEvent extends infer E
  ? E extends CallsSessionEvent
    ? Omit<E, 'at' | 'uid'> & Partial<Pick<E, 'at' | 'uid'>>
    : never
  : never

/**
 * A session the test drives by hand: it sets the state and emits the events it chooses, at the
 * times it chooses, and records the actions called on it.
 */
export function handDrivenSession(initial: CallsSessionState = { status: 'signed-out' }) {
  const store = createStore<CallsSessionState>()(() => initial)
  const listeners = new Set<(event: CallsSessionEvent) => void>()
  const session: CallsSession = {
    store,
    getState: store.getState,
    subscribe: store.subscribe,
    on(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    whenAuthenticated: vi.fn(),
    login: vi.fn(),
    logout: vi.fn(async () => {}),
    refresh: vi.fn(async () => {}),
    generateCallToken: vi.fn(),
    syncUser: vi.fn(async () => {}),
    retain: vi.fn(() => () => {}),
    destroy: vi.fn(),
  }
  return {
    session,
    setState: (state: CallsSessionState) => act(() => store.setState(state, true)),
    emit: (event: EventBody) =>
      act(() => {
        const full = { at: Date.now(), uid: 'alice', ...event } as CallsSessionEvent
        for (const listener of [...listeners]) listener(full)
      }),
  }
}

/**
 * The 4.2.6 SDK's shape, answering without a network: `init` resolves, and `generateToken`
 * answers a call token for any auth token (how core's v4 adapter verifies a token at login).
 * One object per session: core allows one app per SDK object. The Chromium test uses the real one.
 */
function offlineSdkV4(): CometChatCallsSdk {
  class CallAppSettingsBuilder {
    setAppId() {
      return this
    }
    setRegion() {
      return this
    }
    setHost() {
      return this
    }
    build() {
      return {}
    }
  }
  return {
    CallAppSettingsBuilder,
    init: async () => ({}),
    generateToken: async (sessionId: string) => ({ token: `call_${sessionId}` }),
  }
}

/** A real session (core) over an offline 4.2.6-shaped SDK, with tokens from an in-memory server. */
export function realSession(options: { appId?: string } = {}) {
  const issued: { reason: string; grant: TokenGrant }[] = []
  const fetchToken: FetchToken = async ({ reason }) => {
    const grant = {
      uid: 'alice',
      authToken: `alice_secret${issued.length + 1}`,
      expiresIn: 600,
      user: { uid: 'alice', name: 'Alice' },
    }
    issued.push({ reason, grant })
    return grant
  }
  const session = createCallsSession({
    appId: options.appId ?? 'devtools-app',
    region: 'us',
    fetchToken,
    sdk: offlineSdkV4(),
  })
  return { session, issued }
}
