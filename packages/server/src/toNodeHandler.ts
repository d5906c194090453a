import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

/**
 * Adapts a web `(Request) => Promise<Response>` handler to node:http / Express `(req, res)`.
 * It never rejects: a throwing handler answers 500, and an aborted request or a closed socket
 * ends quietly, so one bad request cannot take the process down.
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // With no listener, an 'error' on either stream would be thrown out of the event loop.
    req.on('error', () => {})
    res.on('error', () => {})
    const aborted = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort()
    })
    let response: Response
    try {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      const path = req.url?.startsWith('/') ? req.url : '/'
      const request = new Request(new URL(`http://${hostOf(req)}${path}`), {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        duplex: 'half',
        signal: aborted.signal,
      } as RequestInit)
      response = await handler(request)
    } catch {
      response = new Response(
        JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: 'internal error' } }),
        {
          status: 500,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        },
      )
    }
    try {
      const body = Buffer.from(await response.arrayBuffer())
      if (res.headersSent || res.destroyed) return
      res.statusCode = response.status
      response.headers.forEach((value, name) => {
        res.setHeader(name, value)
      })
      res.end(body)
    } catch {
      if (!res.headersSent && !res.destroyed) {
        res.statusCode = 500
        res.end()
      } else res.destroy()
    }
  }
}

// A Host header that is not a plain host[:port] must not make URL parsing throw.
function hostOf(req: IncomingMessage): string {
  const host = req.headers.host ?? 'localhost'
  return /^[a-zA-Z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(host)
    ? host
    : 'localhost'
}
