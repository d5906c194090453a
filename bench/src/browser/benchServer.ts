import { readdir, readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { toNodeHandler } from '@callsession/server'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
}

/** One line of the server's request log (arrival and end of each answer, server clock). */
export interface ServedRequest {
  method: string
  path: string
  phase: 'received' | 'answered'
  /** `performance.now()` of the Node process. */
  at: number
}

export interface BenchServerOptions {
  /** A page build (`buildPage().dir`). */
  dir: string
  /** Written into the HTML as `window.__BENCH__` (where `<!--bench-config-->` stands). */
  pageConfig: object
  /** The app's token endpoint, mounted at `POST /api/token`. */
  tokenHandler: (request: Request) => Promise<Response>
  /** Extra time the token endpoint takes, as a real one calling CometChat does. Default 0. */
  tokenDelayMs?: number
  /** Holds the answer to `path` this long before sending it (a deliberately slow chunk). */
  delayMs?: (path: string) => number
}

export interface BenchServer {
  url: string
  log: ServedRequest[]
  close(): Promise<void>
}

interface Asset {
  type: string
  gzipped: Buffer
}

/**
 * A static server that answers as a CDN does: every asset gzip-compressed (level 9, computed once
 * at start), plus the app's token endpoint. Written here rather than taken from a package because
 * the bench needs two things a file server does not do: hold one asset back (the ordering test)
 * and write the page's settings into the HTML. It serves only the files found at start, looked up
 * by exact path in a map: no path from a request ever reaches the file system.
 */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const assets = await loadAssets(options.dir, options.pageConfig)
  const token = toNodeHandler(options.tokenHandler)
  const log: ServedRequest[] = []
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  async function answer(request: IncomingMessage, reply: ServerResponse) {
    const method = request.method ?? 'GET'
    const path = new URL(request.url ?? '/', 'http://bench').pathname
    log.push({ method, path, phase: 'received', at: performance.now() })
    reply.on('finish', () => log.push({ method, path, phase: 'answered', at: performance.now() }))
    if (path === '/api/token') {
      await wait(options.tokenDelayMs ?? 0)
      return token(request, reply)
    }
    const asset = assets.get(path === '/' ? '/index.html' : path)
    if (!asset || (method !== 'GET' && method !== 'HEAD')) {
      reply.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    await wait(options.delayMs?.(path) ?? 0)
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
    if (!gzip) {
      reply.writeHead(406, { 'content-type': 'text/plain' }).end('this server sends gzip only')
      return
    }
    reply.writeHead(200, {
      'content-type': asset.type,
      'content-encoding': 'gzip',
      'content-length': asset.gzipped.length,
      vary: 'Accept-Encoding',
      'cache-control': 'no-store',
    })
    reply.end(method === 'HEAD' ? undefined : asset.gzipped)
  }

  const server = createServer((request, reply) => {
    answer(request, reply).catch(() => {
      if (!reply.headersSent) reply.writeHead(500)
      reply.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

async function loadAssets(dir: string, pageConfig: object): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>()
  // `<` escaped: the settings can never close the script element they sit in.
  const script = `<script>window.__BENCH__=${JSON.stringify(pageConfig).replaceAll('<', '\\u003c')}</script>`
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = join(entry.parentPath, entry.name)
    let body = await readFile(file)
    if (entry.name.endsWith('.html')) {
      body = Buffer.from(body.toString('utf8').replace('<!--bench-config-->', script))
    }
    const path = `/${relative(dir, file).split(sep).join('/')}`
    const type = TYPES[extname(entry.name)] ?? 'application/octet-stream'
    assets.set(path, { type, gzipped: gzipSync(body, { level: 9 }) })
  }
  return assets
}
