import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type CallsSessionState,
  type CometChatCallsV4,
  createCallsSession,
  isCallsSessionError,
} from '@callsession/core'
import { type Fault, startEmulator } from '@callsession/emulator'
import { createCometChatClient, createTokenHandler, toNodeHandler } from '@callsession/server'

export interface LoadOptions {
  uids: number
  /** Token requests per uid (the first is the login, the rest refreshes). */
  tokensPerUid: number
  /** Browser sessions running at once. */
  concurrency: number
  faults: Fault[]
}

export interface LoadReport {
  tokenRequests: number
  byStatus: Record<string, number>
  /** 5xx answers that were not a typed, deliberate 502/503 (bugs of ours). */
  untyped5xx: number
  sessions: { authenticated: number; typedError: number; other: number }
  errorCodes: Record<string, number>
  users: { expected: number; inCometChat: number; duplicates: number }
  seconds: number
}

/**
 * The Calls SDK 4.2.6 as seen from core, over plain fetch (the real package needs a browser):
 * `generateToken(sessionId, authToken)` is `POST {host}call_tokens`, errors thrown as `{ code }`.
 */
function fetchSdk(callsHost: string): CometChatCallsV4 {
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
    async generateToken(sessionId, authToken) {
      const response = await fetch(`${callsHost}call_tokens`, {
        method: 'POST',
        headers: { authToken, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId }),
      })
      const body = (await response.json()) as { data?: { token: string }; error?: { code: string } }
      if (body.error || !body.data) throw { code: body.error?.code ?? `HTTP_${response.status}` }
      return body.data
    },
  }
}

/**
 * 1 app server (the token handler over node:http) + the emulator with faults injected, and one
 * browser session (core) per uid that logs in and refreshes. Every session must end
 * authenticated or with a typed error; CometChat must hold each user exactly once.
 */
export async function runTokenLoad(options: LoadOptions): Promise<LoadReport> {
  const started = performance.now()
  const emulator = await startEmulator({ port: 0 })
  const cometchat = createCometChatClient({
    appId: emulator.appId,
    region: emulator.region,
    apiKey: emulator.apiKey,
    baseUrl: emulator.restBaseUrl,
    retryDelayMs: 20,
    maxDelayMs: 1_000,
  })
  const handler = createTokenHandler({
    cometchat,
    ttlSeconds: 600,
    // The load generator plays the app's sign-in: the path stands in for each browser's cookie.
    authenticate: (request) => {
      const uid = /\/token\/([\w-]+)$/.exec(new URL(request.url).pathname)?.[1]
      return uid ? { uid, name: `Load ${uid}` } : null
    },
  })
  const byStatus: Record<string, number> = {}
  let untyped5xx = 0
  const serve = toNodeHandler(handler)
  const server = createServer((req, res) => {
    res.on('finish', () => {
      byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1
      // Our handler answers CometChat trouble with a typed 502/503; anything else 5xx is a bug.
      if (res.statusCode >= 500 && res.statusCode !== 502 && res.statusCode !== 503) untyped5xx++
    })
    void serve(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`
  for (const fault of options.faults) {
    await emulator.control('POST', 'faults', fault)
  }

  const finals: CallsSessionState[] = []
  const uids = Array.from({ length: options.uids }, (_, i) => `load-user-${i}`)
  let nextUid = 0
  const worker = async () => {
    for (let uid = uids[nextUid++]; uid !== undefined; uid = uids[nextUid++]) {
      const forUid = uid
      const session = createCallsSession({
        appId: emulator.appId,
        region: emulator.region,
        host: emulator.callsHost,
        sdk: fetchSdk(emulator.callsHost),
        // Core's own token request (POST, retries on 429/5xx/network), to this uid's endpoint.
        tokenEndpoint: `${url}/${forUid}`,
      })
      try {
        await session.login({ uid: forUid })
        for (let i = 1; i < options.tokensPerUid; i++) await session.refresh()
      } catch (error) {
        if (!isCallsSessionError(error)) finals.push({ status: 'error', error: error as never })
      }
      finals.push(session.getState())
      session.destroy()
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))

  const listed = await cometchat.users.list({ perPage: 1000 })
  const loadUsers = listed.items.map((u) => u.uid).filter((uid) => uid.startsWith('load-user-'))
  const errorCodes: Record<string, number> = {}
  const sessions = { authenticated: 0, typedError: 0, other: 0 }
  for (const state of finals) {
    if (state.status === 'authenticated') sessions.authenticated++
    else if (state.status === 'error' && isCallsSessionError(state.error)) {
      sessions.typedError++
      errorCodes[state.error.code] = (errorCodes[state.error.code] ?? 0) + 1
    } else sessions.other++
  }
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await emulator.close()
  return {
    tokenRequests: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    untyped5xx,
    sessions,
    errorCodes,
    users: {
      expected: options.uids,
      inCometChat: loadUsers.length,
      duplicates: loadUsers.length - new Set(loadUsers).size,
    },
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  }
}
