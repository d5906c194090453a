import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { getResponse } from 'msw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, BASE, createFakeCometChat } from '../../test/fakeCometChat.js'
import { toNodeHandler } from '../toNodeHandler.js'

const fake = createFakeCometChat()
let httpServer: Server
let baseUrl = ''

beforeAll(async () => {
  // The msw in-memory CometChat, served over real HTTP so a child process can reach it.
  httpServer = createServer(
    toNodeHandler(async (request) => {
      const url = new URL(request.url)
      const forwarded = new Request(BASE + url.pathname.replace(/^\/v3/, '') + url.search, request)
      return (
        (await getResponse(fake.handlers, forwarded)) ?? new Response('not found', { status: 404 })
      )
    }),
  )
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', done))
  baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/v3`
})
afterAll(() => new Promise<void>((done) => httpServer.close(() => done())))

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = resolve(import.meta.dirname, '../../../..')
  return new Promise((done) => {
    const child = spawn(
      'npx',
      ['tsx', '--conditions=@callsession/source', 'packages/server/src/cli/main.ts', ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          COMETCHAT_APP_ID: 'testapp',
          COMETCHAT_REGION: 'us',
          COMETCHAT_API_KEY: API_KEY,
          COMETCHAT_BASE_URL: baseUrl,
        },
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('callsession import (end to end)', () => {
  it('imports a CSV, reports the bad line, exits 1, and a re-run creates nothing new', {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callsession-cli-'))
    const file = join(dir, 'users.csv')
    await writeFile(file, 'uid,name\ncli-1,One\ncli-2,Two\n../evil,Evil\ncli-3,Three\n')
    const first = await runCli(['import', file, '--concurrency', '2', '--rate', '6000'])
    expect(first.stdout).toContain('line 4: invalid (INVALID_UID)')
    expect(first.stdout).toContain('4 rows, 3 created, 0 already existed, 1 invalid, 0 failed')
    expect(first.code).toBe(1)
    expect(first.stdout + first.stderr).not.toContain(API_KEY)
    const again = await runCli(['import', file])
    expect(again.stdout).toContain('0 created, 3 already existed')
    expect(fake.users.size).toBe(3)
  })
})
