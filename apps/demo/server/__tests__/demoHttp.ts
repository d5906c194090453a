import { mkdtemp, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** An answer read whole, with its headers. */
export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: () => unknown
}

/**
 * A raw HTTP request (node:http, not fetch: fetch will not send a forged Host header, and a
 * DNS-rebinding attack is exactly such a Host).
 */
export function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: () => JSON.parse(text),
        }),
      )
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** A JSON request as the demo's own page sends it (same origin). */
export const sameOrigin = (
  base: string,
  path: string,
  method: string,
  body?: unknown,
  cookie?: string,
) =>
  send(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
      origin: new URL(base).origin,
      ...(cookie ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

/** Signs in as `id` and returns the session cookie (`name=value`). */
export async function signIn(base: string, id: string): Promise<string> {
  const answer = await sameOrigin(base, '/api/session', 'POST', { id })
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}: ${answer.text}`)
  const cookie = ([] as string[]).concat(answer.headers['set-cookie'] ?? [])[0] ?? ''
  return cookie.split(';')[0] ?? ''
}

/** A stand-in for the built app: the API tests need no Vite build. */
export async function fakeDist(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'callsession-demo-dist-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>demo</title>')
  return dir
}
