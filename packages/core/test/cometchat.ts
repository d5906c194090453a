import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { type CometChatCallsV5Model, createCometChatCallsV5Model } from '@callsession/testing'
import { CometChatCalls } from '@cometchat/calls-sdk-javascript'
import { HttpResponse, http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import type { CometChatCallsV4 } from '../src/index.js'

/** The app's token endpoint, played by msw (so tests can make it fail any way they like). */
export const TOKEN_URL = 'http://app.test/api/cometchat/token'

/** Node's own fetch, kept before msw patches the global: the SDK talks to the emulator over HTTP. */
const nodeFetch = globalThis.fetch.bind(globalThis)

/**
 * Node's fetch, once more on a reset keep-alive socket: a test on a fake clock can leave undici
 * reusing a connection the emulator has already closed (ECONNRESET), which no user ever sees.
 */
const networkFetch: typeof fetch = (input, init) =>
  nodeFetch(input, init).catch((error: { cause?: { code?: string } }) => {
    if (error?.cause?.code !== 'ECONNRESET') throw error
    return nodeFetch(input, init)
  })

/** The answer the fake app server gives the next token request; default: a fresh real grant. */
export type Answer = (context: {
  uid: string | null
  n: number
  mint: (uid: string) => Promise<Record<string, unknown>>
}) => Response | Promise<Response>

interface WireEntry {
  method: string
  path: string
  status: number
}

/**
 * A CometChat for core's tests: the emulator over HTTP, the faithful v5 model of
 * `@callsession/testing` talking to it, and the app's token endpoint over msw minting **real**
 * emulator tokens (`POST /v3/users/{uid}/auth_tokens`, REST API key). Everything CometChat sees is
 * counted at the emulator (`wire`), not in a fake.
 */
export async function startCometChat({ lifetimeSeconds = 3600 } = {}) {
  // @hono/node-server swaps the global Response for its own, which turns msw's
  // `HttpResponse.error()` into a status-0 answer instead of a failed fetch: keep the real one.
  const NativeResponse = globalThis.Response
  const emulator: RunningEmulator = await startEmulator({ port: 0 })
  globalThis.Response = NativeResponse
  const adminHeaders = {
    apiKey: emulator.apiKey,
    'content-type': 'application/json',
    accept: 'application/json',
  }
  const rest = async (method: string, path: string, body?: unknown) => {
    const response = await networkFetch(`${emulator.restBaseUrl}${path}`, {
      method,
      headers: adminHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return (await response.json()) as { data?: Record<string, unknown>; error?: unknown }
  }
  const control = async (method: string, path: string) => {
    const response = await networkFetch(`${emulator.url}/__emulator/${path}`, {
      method,
      headers: adminHeaders,
    })
    return (await response.json()) as { data: unknown }
  }
  for (const uid of ['alice', 'bob', 'carol']) {
    await rest('POST', '/users', { uid, name: uid.charAt(0).toUpperCase() + uid.slice(1) })
  }

  let uid: string | null = 'alice'
  const answers: Answer[] = []
  const requests: { reason: unknown; credentials: RequestCredentials }[] = []
  const issued: string[] = []
  /**
   * Real tokens minted ahead, so the token endpoint answers without waiting on the network: a
   * test on a fake clock then never races a request timeout against real I/O.
   */
  const pool = new Map<string, string[]>()
  const POOL = 8
  const mintAtCometChat = async (forUid: string) => {
    const { data } = await rest('POST', `/users/${forUid}/auth_tokens`, { force: true })
    return String(data?.authToken)
  }
  const refill = async () => {
    for (const forUid of ['alice', 'bob', 'carol']) {
      const have = pool.get(forUid) ?? []
      const more = await Promise.all(
        Array.from({ length: POOL - have.length }, () => mintAtCometChat(forUid)),
      )
      pool.set(forUid, [...have, ...more])
    }
  }
  await refill()
  const mint = async (forUid: string) => {
    const authToken = pool.get(forUid)?.shift() ?? (await mintAtCometChat(forUid))
    issued.push(authToken)
    const name = forUid.charAt(0).toUpperCase() + forUid.slice(1)
    return { uid: forUid, authToken, expiresIn: lifetimeSeconds, user: { uid: forUid, name } }
  }
  /** Requests the SDK made, held while a gate for them is closed. */
  const gates: {
    match: (method: string, url: string) => boolean
    open: Promise<void>
    release: () => void
  }[] = []
  const passGates = async (method: string, url: string) => {
    for (const gate of gates) if (gate.match(method, url)) await gate.open
  }
  /** SDK requests not answered yet: `reset` waits for them so a late one never lands in the next test's log. */
  const inflight = new Set<Promise<unknown>>()
  const server = setupServer(
    // The real 4.2.6 SDK uses the global fetch msw patches: its requests to the emulator go
    // through to the network, past the same gates as the model's.
    http.all(`${emulator.url}/*`, async ({ request }) => {
      await passGates(request.method, request.url)
      return passthrough()
    }),
    http.post(TOKEN_URL, async ({ request }) => {
      const body = (await request.json().catch(() => null)) as { reason?: unknown } | null
      requests.push({ reason: body?.reason, credentials: request.credentials })
      const answer = answers.shift()
      if (answer) return answer({ uid, n: requests.length, mint })
      if (uid === null) {
        return HttpResponse.json({ error: { code: 'UNAUTHORIZED' } }, { status: 401 })
      }
      return HttpResponse.json(await mint(uid), { headers: { 'cache-control': 'no-store' } })
    }),
  )
  server.listen({ onUnhandledRequest: 'error' })

  const sdkFetch: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    const method = (init?.method ?? 'GET').toUpperCase()
    const request = passGates(method, url).then(() => networkFetch(input, init))
    inflight.add(request)
    void request.then(
      () => inflight.delete(request),
      () => inflight.delete(request),
    )
    return request
  }
  /** Waits until no SDK request is in flight for a whole macrotask (a destroy's logout included). */
  const settle = async () => {
    for (let quiet = 0; quiet < 2; ) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (inflight.size === 0) quiet++
      else {
        quiet = 0
        await Promise.allSettled([...inflight])
      }
    }
  }

  return {
    emulator,
    /** The token endpoint's request log (what the browser sent). */
    requests,
    /** The tokens minted so far, newest last. */
    issued,
    /** A fresh page's `CometChatCalls` (v5 model); pass the same `storage` to play a reload. */
    createSdk(options: { storage?: Storage } = {}): CometChatCallsV5Model {
      return createCometChatCallsV5Model({ fetch: sdkFetch, ...options })
    },
    /**
     * The real `@cometchat/calls-sdk-javascript` 4.2.6 (one object per page, as in a browser) with
     * the session options that point it at the emulator.
     */
    realSdkV4() {
      return {
        sdk: CometChatCalls as unknown as CometChatCallsV4,
        appId: emulator.appId,
        region: emulator.region,
        tokenEndpoint: TOKEN_URL,
        // 4.2.6 speaks the emulator's `/calls/v3.0` routes (no appId header); `/v3.0` is v5's.
        host: emulator.callsHost,
      }
    },
    /** Session options that point core at the emulator. */
    options: {
      appId: emulator.appId,
      region: emulator.region,
      tokenEndpoint: TOKEN_URL,
      ...emulator.sdkHosts,
    },
    /** A real token for `forUid` as a grant with no expiry (for `fetchToken` tests). */
    async mintGrant(forUid: string) {
      const { expiresIn: _, ...grant } = await mint(forUid)
      return grant as { uid: string; authToken: string; user: { uid: string; name: string } }
    },
    /** Which app user the token endpoint thinks is signed in (null: nobody, 401). */
    signIn(next: string | null) {
      uid = next
    },
    /** Queues special answers for the next token requests, in order. */
    answerNext(...next: Answer[]) {
      answers.push(...next)
    },
    /** Revokes every token of `forUid` at CometChat (REST: delete all auth tokens). */
    async revokeTokens(forUid: string) {
      pool.set(forUid, []) // revoked with the rest
      await rest('DELETE', `/users/${forUid}/auth_tokens`)
    },
    /** Holds the SDK's requests that `match` until the returned function is called. */
    hold(match: (method: string, url: string) => boolean): () => void {
      let release = () => {}
      const open = new Promise<void>((resolve) => {
        release = resolve
      })
      const gate = { match, open, release }
      gates.push(gate)
      return () => {
        const index = gates.indexOf(gate)
        if (index >= 0) gates.splice(index, 1)
        release()
      }
    },
    /**
     * Holds the SDK's `method` requests whose path ends with `path`; `reached` resolves when one
     * arrives, `release` lets it through.
     */
    holdAt(method: string, path: string) {
      let arrived = () => {}
      const reached = new Promise<void>((resolve) => {
        arrived = resolve
      })
      const release = this.hold((m, url) => {
        const hit = m === method && new URL(url).pathname.endsWith(path)
        if (hit) arrived()
        return hit
      })
      return { reached, release }
    },
    /**
     * What the Calls SDK sent CometChat (the emulator's log), as `METHOD /path` lines: v5's
     * `/v3.0` and 4.2.6's `/calls/v3.0`, not the REST calls the app server makes to mint tokens
     * (`/v3`) nor the harness's own controls.
     */
    async wire(): Promise<string[]> {
      const { data } = await control('GET', 'log')
      return (data as WireEntry[])
        .filter((entry) => /^\/(calls\/)?v3\.0\//.test(entry.path))
        .map((entry) => `${entry.method} ${entry.path}`)
    },
    /** How many requests reached CometChat as `METHOD /path`. */
    async count(line: string): Promise<number> {
      const lines = await this.wire()
      return lines.filter((entry) => entry === line).length
    },
    /** Between tests: token endpoint and wire log cleared, alice signed in, storage emptied. */
    async reset() {
      // Gates open first, so a held request can finish instead of hanging the wait below.
      for (const gate of gates.splice(0)) gate.release()
      await settle()
      uid = 'alice'
      answers.length = 0
      requests.length = 0
      issued.length = 0
      gates.length = 0
      server.resetHandlers()
      globalThis.localStorage?.clear()
      // Fresh tokens: CometChat keeps 100 per user and drops the oldest, pooled ones first.
      pool.clear()
      await refill()
      await control('DELETE', 'log')
    },
    async close() {
      server.close()
      await emulator.close()
    },
  }
}

/** The harness `startCometChat` resolves to. */
export type CometChat = Awaited<ReturnType<typeof startCometChat>>
