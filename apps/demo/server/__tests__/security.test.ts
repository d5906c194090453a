import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoServer } from '../createDemoServer.js'
import { fakeDist, sameOrigin, send, signIn } from './demoHttp.js'

type DemoServer = Awaited<ReturnType<typeof createDemoServer>>
const demoRoot = join(import.meta.dirname, '..', '..')

describe('demo backend in production (the default mode)', () => {
  let server: DemoServer
  let dist: string
  beforeAll(async () => {
    dist = await fakeDist()
    // No `mode`: a copied demo must come up in production.
    server = await createDemoServer({ port: 0, distDir: dist, env: {}, log: () => {} })
  })
  afterAll(async () => {
    await server?.close()
    await rm(dist, { recursive: true, force: true })
  })

  it('production is the default: no dev routes, no inline scripts in the CSP', async () => {
    const cookie = await signIn(server.url, 'cometchat-uid-2')
    expect((await send(`${server.url}/api/dev/auth-key`, { headers: { cookie } })).status).toBe(404)
    const page = await send(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).not.toContain("'unsafe-inline' ;")
    expect(String(page.headers['content-security-policy']).split('; ')[1]).not.toContain(
      'unsafe-inline',
    )
  })

  it('the start scripts say the mode: start:dev passes --dev, main.ts without it is production', async () => {
    const scripts = JSON.parse(await readFile(join(demoRoot, 'package.json'), 'utf8')).scripts
    expect(scripts['start:dev']).toMatch(/server\/main\.ts --dev$/)
    expect(scripts.start).not.toContain('--dev')
    // Started bare (no flag, no NODE_ENV), with no build there: it asks for one, as production does.
    const out = await new Promise<string>((done) => {
      const child = spawn(
        process.execPath,
        ['--conditions=@callsession/source', '--import', 'tsx', 'server/main.ts'],
        {
          cwd: demoRoot,
          env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1' },
        },
      )
      let text = ''
      child.stdout.on('data', (d) => {
        text += d
        // A build may exist in a developer's tree: then it prints its mode and we stop it.
        if (text.includes('is running at')) child.kill('SIGTERM')
      })
      child.stderr.on('data', (d) => (text += d))
      child.on('close', () => done(text))
    })
    expect(out).toMatch(/no built app|callsession demo \(production\)/)
    expect(out).not.toContain('(development)')
  }, 60_000)

  it('sends CSP with frame-ancestors, and the SDK and emulator origins it needs', async () => {
    for (const path of ['/', '/api/config', '/api/nowhere']) {
      const { headers } = await send(`${server.url}${path}`)
      const csp = String(headers['content-security-policy'])
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp).toContain('https://cdn.cometchat.io')
      expect(csp).toContain('https://fonts.googleapis.com')
      expect(csp).toContain('https://fonts.gstatic.com')
      expect(csp).toContain(new URL(server.emulator?.url ?? '').origin)
      expect(headers['x-frame-options']).toBe('DENY')
      expect(headers['x-content-type-options']).toBe('nosniff')
    }
  })

  it('POST /api/session refuses text/plain (login CSRF) and cross-site requests', async () => {
    const url = `${server.url}/api/session`
    const body = JSON.stringify({ id: 'cometchat-uid-3' })
    // What a form or a no-cors fetch on another site can send without a preflight.
    const plain = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    })
    expect(plain.status).toBe(415)
    expect(plain.headers['set-cookie']).toBeUndefined()
    const crossSite = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body,
    })
    expect(crossSite.status).toBe(403)
    expect(crossSite.json()).toMatchObject({ error: { code: 'CROSS_SITE_REQUEST' } })
    const foreignOrigin = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body,
    })
    expect(foreignOrigin.status).toBe(403)
    expect(
      (await sameOrigin(server.url, '/api/session', 'POST', { id: 'cometchat-uid-3' })).status,
    ).toBe(200)
  })

  it('only an admin may import (and read import jobs)', async () => {
    const start = (cookie?: string) =>
      sameOrigin(
        server.url,
        '/api/admin/import',
        'POST',
        { text: 'uid,name\na-1,A\n', format: 'csv', dryRun: true },
        cookie,
      )
    expect((await start()).status).toBe(401)
    const user = await signIn(server.url, 'cometchat-uid-2')
    const refused = await start(user)
    expect(refused.status).toBe(403)
    expect(refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } })
    const admin = await signIn(server.url, 'cometchat-uid-1')
    const started = await start(admin)
    expect(started.status).toBe(202)
    const { id } = started.json() as { id: string }
    expect(
      (await send(`${server.url}/api/admin/import/${id}`, { headers: { cookie: user } })).status,
    ).toBe(403)
    expect(
      (await send(`${server.url}/api/admin/import/${id}`, { headers: { cookie: admin } })).status,
    ).toBe(200)
  })

  it('the import API names the problem: no uid column, JSON element index, empty input, rate/ETA', async () => {
    const admin = await signIn(server.url, 'cometchat-uid-1')
    const start = (text: string, format: 'csv' | 'json') =>
      sameOrigin(server.url, '/api/admin/import', 'POST', { text, format }, admin)
    const header = await start('id,name\nx,X\n', 'csv')
    expect(header.status).toBe(400)
    expect(header.json()).toMatchObject({
      error: {
        code: 'INVALID_FILE',
        reason: 'NO_UID_COLUMN',
        message: expect.stringMatching(/^no uid column/),
      },
    })
    const json = await start('[{"uid":"a","name":"A"},{"uid":"b" "name":"B"}]', 'json')
    expect(json.json()).toMatchObject({
      error: {
        reason: 'INVALID_JSON',
        element: 2,
        message: expect.stringContaining('element 2 (index 1'),
      },
    })
    const empty = await start('uid,name\n', 'csv')
    expect(empty.status).toBe(202)
    const job = await waitForJob(server.url, (empty.json() as { id: string }).id, admin)
    expect(job.warnings).toEqual([{ code: 'EMPTY_INPUT', message: 'the file holds no users' }])

    const rows = Array.from({ length: 20 }, (_, i) => `rate-${i},Rate ${i}`).join('\n')
    const done = await waitForJob(
      server.url,
      ((await start(`uid,name\n${rows}\n`, 'csv')).json() as { id: string }).id,
      admin,
    )
    expect(done).toMatchObject({ status: 'done', done: 20, total: 20, etaSeconds: 0 })
    expect(done.ratePerSecond).toBeGreaterThan(0)
  })
})

async function waitForJob(base: string, id: string, cookie: string) {
  // Polls until the job reports it ended (no fixed sleep: each round is one request).
  for (;;) {
    const job = (await send(`${base}/api/admin/import/${id}`, { headers: { cookie } })).json() as {
      status: string
      done: number
      total: number
      ratePerSecond: number
      etaSeconds: number | null
      warnings: unknown[]
    }
    if (job.status !== 'running') return job
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('demo backend behind a TLS proxy', () => {
  const servers: DemoServer[] = []
  let dist: string
  beforeAll(async () => {
    dist = await fakeDist()
  })
  afterAll(async () => {
    for (const s of servers) await s.close()
    await rm(dist, { recursive: true, force: true })
  })

  it('the cookie is Secure when a trusted proxy says https, and only then', async () => {
    const start = async (trustProxy: boolean) => {
      const s = await createDemoServer({
        port: 0,
        distDir: dist,
        env: {},
        log: () => {},
        trustProxy,
      })
      servers.push(s)
      return s
    }
    const cookieOf = async (s: DemoServer) => {
      const host = new URL(s.url).host
      const answer = await send(`${s.url}/api/session`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-proto': 'https',
          // What the browser sends: the public https origin the proxy serves.
          origin: `https://${host}`,
        },
        body: JSON.stringify({ id: 'cometchat-uid-4' }),
      })
      return { status: answer.status, cookie: String(answer.headers['set-cookie']) }
    }
    const trusted = await cookieOf(await start(true))
    expect(trusted.status).toBe(200)
    expect(trusted.cookie).toMatch(/;\s*Secure/i)
    expect(trusted.cookie).toMatch(/HttpOnly/i)
    expect(trusted.cookie).toMatch(/Max-Age=\d+/i)
    // Not trusted: the header could come from anyone, so it changes nothing (and the https
    // Origin does not match this plain-http server).
    const untrusted = await cookieOf(await start(false))
    expect(untrusted.status).toBe(403)
    const plain = await sameOrigin((servers[1] as DemoServer).url, '/api/session', 'POST', {
      id: 'cometchat-uid-4',
    })
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/i)
  })
})

describe('demo backend in development', () => {
  let server: DemoServer
  beforeAll(async () => {
    server = await createDemoServer({ mode: 'development', port: 0, env: {}, log: () => {} })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('dev routes need a session', async () => {
    expect((await send(`${server.url}/api/dev/auth-key`)).status).toBe(401)
    const cookie = await signIn(server.url, 'cometchat-uid-2')
    const answer = await send(`${server.url}/api/dev/auth-key`, { headers: { cookie } })
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({ authKey: server.emulator?.authKey })
  })

  it('a DNS-rebinding request (foreign Host) gets nothing, not even with a session', async () => {
    const cookie = await signIn(server.url, 'cometchat-uid-2')
    const port = new URL(server.url).port
    for (const path of ['/api/dev/auth-key', '/', '/api/config']) {
      const answer = await send(`${server.url}${path}`, {
        headers: { host: `evil.example:${port}`, cookie },
      })
      expect(answer.status, path).toBe(403)
      expect(answer.text).not.toContain(server.emulator?.authKey ?? 'x')
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`])
      expect(
        (await send(`${server.url}/api/dev/auth-key`, { headers: { host, cookie } })).status,
      ).toBe(200)
  })

  it('the dev CSP allows Vite’s inline preamble and still forbids framing', async () => {
    const page = await send(`${server.url}/`)
    expect(page.status).toBe(200)
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toMatch(/script-src [^;]*'unsafe-inline'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain(new URL(server.emulator?.url ?? '').origin)
  })
})
