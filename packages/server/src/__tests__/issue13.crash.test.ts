import { createServer, type Server } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestClient, server as msw } from '../../test/fakeCometChat.js'
import type { DedupeStore } from '../stores/dedupeStore.js'
import { toNodeHandler } from '../toNodeHandler.js'
import { createUserSyncHandler, signWebhook } from '../userSync.js'

// Issue 13, item 1: no request, however broken, takes the Node process down.
const SECRET = 'whsec_crash'
let app: Server
let base = ''
let webhookBodyDone: Promise<number> = Promise.resolve(0)
let markBodyDone: (status: number) => void = () => {}
const processFaults: unknown[] = []
const onFault = (error: unknown) => processFaults.push(error)

const throwingStore: DedupeStore = {
  claim: () => {
    throw new Error('dedupe store down')
  },
  complete: () => {},
  release: () => {},
}

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' })
  process.on('uncaughtException', onFault)
  process.on('unhandledRejection', onFault)
  const sync = createUserSyncHandler({ cometchat: createTestClient(), secret: SECRET })
  const brokenSync = createUserSyncHandler({
    cometchat: createTestClient(),
    secret: SECRET,
    dedupe: throwingStore,
  })
  const routes: Record<string, (request: Request) => Promise<Response>> = {
    '/webhook': async (request) => {
      const response = await sync(request)
      markBodyDone(response.status)
      return response
    },
    '/webhook-broken-store': brokenSync,
    '/throws': () => Promise.reject(new Error('handler bug')),
    '/ok': async () => new Response('ok'),
  }
  app = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname]
    if (!route) return void res.writeHead(404).end()
    void toNodeHandler(route)(req, res)
  })
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
})
afterEach(() => msw.resetHandlers())
afterAll(async () => {
  process.off('uncaughtException', onFault)
  process.off('unhandledRejection', onFault)
  msw.close()
  app.closeAllConnections()
  await new Promise<void>((resolve) => app.close(() => resolve()))
})

describe('item 1: crash-proof handlers and toNodeHandler', () => {
  it('a webhook whose body stream aborts midway is answered 400 inside, the process survives, the next request is served', async () => {
    webhookBodyDone = new Promise<number>((resolve) => {
      markBodyDone = resolve
    })
    const { port } = app.address() as AddressInfo
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    const body = '{"id":"e1","type":"user.created","user":{"uid":"ann","name":"Ann"}}'
    socket.write(
      `POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${Object.entries(
        signWebhook(SECRET, body),
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\nContent-Length: ${body.length + 500}\r\n\r\n${body.slice(0, 20)}`,
    )
    // Let the server start reading, then drop the connection in the middle of the body.
    await new Promise((resolve) => setImmediate(resolve))
    socket.destroy()
    expect(await webhookBodyDone).toBe(400)
    expect(await (await fetch(`${base}/ok`)).text()).toBe('ok')
    expect(processFaults).toEqual([])
  })

  it('a throwing dedupe store answers 503 over HTTP and the process keeps serving', async () => {
    const body = '{"id":"e2","type":"user.created","user":{"uid":"bob","name":"Bob"}}'
    const response = await fetch(`${base}/webhook-broken-store`, {
      method: 'POST',
      headers: signWebhook(SECRET, body),
      body,
    })
    expect(response.status).toBe(503)
    expect(await (await fetch(`${base}/ok`)).text()).toBe('ok')
    expect(processFaults).toEqual([])
  })

  it('toNodeHandler answers 500 for a handler that throws, and the next request is served', async () => {
    const response = await fetch(`${base}/throws`, { method: 'POST', body: 'x' })
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ error: { code: 'INTERNAL_ERROR' } })
    expect(await response.text().catch(() => '')).not.toContain('handler bug')
    expect(await (await fetch(`${base}/ok`)).text()).toBe('ok')
    expect(processFaults).toEqual([])
  })

  it('a client that disconnects before the answer leaves no error behind', async () => {
    const { port } = app.address() as AddressInfo
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    socket.write('POST /throws HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab')
    socket.destroy()
    expect(await (await fetch(`${base}/ok`)).text()).toBe('ok')
    expect(processFaults).toEqual([])
  })
})
