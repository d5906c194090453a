import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BenchServer, startBenchServer } from '../browser/benchServer.js'

/** A raw GET (fetch would normalise `..` away and decompress by itself). */
function get(url: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const target = new URL(url)
      const req = request(
        { host: target.hostname, port: target.port, path, headers },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          )
        },
      )
      req.on('error', reject)
      req.end()
    },
  )
}

describe('the bench server', () => {
  let server: BenchServer
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-server-'))
    await mkdir(join(dir, 'assets'))
    await writeFile(join(dir, 'index.html'), '<head><!--bench-config--></head>')
    await writeFile(join(dir, 'assets', 'app.js'), 'export const app = 1')
    await writeFile(join(tmpdir(), 'bench-server-outside.txt'), 'secret')
    server = await startBenchServer({
      dir,
      pageConfig: { note: '</script><script>alert(1)</script>' },
      tokenHandler: async () => new Response('{}'),
    })
  })
  afterAll(() => server?.close())

  it('sends every asset gzip-compressed, as a CDN would', async () => {
    const answer = await get(server.url, '/assets/app.js', { 'accept-encoding': 'gzip, br' })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(answer.body).toString()).toBe('export const app = 1')
  })

  it('writes the page settings into the HTML, unable to close their script element', async () => {
    const answer = await get(server.url, '/', { 'accept-encoding': 'gzip' })
    const html = gunzipSync(answer.body).toString()
    expect(html).toContain('window.__BENCH__=')
    expect(html.match(/<\/script>/g)).toHaveLength(1)
  })

  it('serves only the files of the build: paths out of it are not found', async () => {
    for (const path of [
      '/../bench-server-outside.txt',
      '/%2e%2e/bench-server-outside.txt',
      '/assets/../../bench-server-outside.txt',
      '/assets/',
    ]) {
      const answer = await get(server.url, path, { 'accept-encoding': 'gzip' })
      expect(answer.status, path).toBe(404)
    }
  })
})
