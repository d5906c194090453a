import { spawn } from 'node:child_process'
import { access, mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { getResponse } from 'msw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, BASE, createFakeCometChat } from '../../test/fakeCometChat.js'
import { toNodeHandler } from '../toNodeHandler.js'

const fake = createFakeCometChat()
/** Uids the server refuses with a 503, as a CometChat outage would. */
const refused = new Set<string>()
let httpServer: Server
let baseUrl = ''

beforeAll(async () => {
  // The msw in-memory CometChat, served over real HTTP so a child process can reach it.
  httpServer = createServer(
    toNodeHandler(async (request) => {
      const url = new URL(request.url)
      if (request.method === 'POST' && url.pathname.endsWith('/users')) {
        const { uid } = (await request.clone().json()) as { uid: string }
        if (refused.has(uid))
          return Response.json(
            { error: { code: 'ERR_MISSION_FAILED', message: 'down' } },
            { status: 503, headers: { 'retry-after': '0' } },
          )
      }
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
    expect(first.stdout).toContain(
      '4 rows, 3 created, 0 already existed, 0 deactivated, 1 invalid, 0 failed',
    )
    expect(first.code).toBe(1)
    expect(first.stdout + first.stderr).not.toContain(API_KEY)
    const again = await runCli(['import', file])
    expect(again.stdout).toContain('0 created, 3 already existed')
    expect(fake.users.size).toBe(3)
  })

  it('refuses bad flags with a clear message and exit 2, before reading anything', {
    timeout: 60_000,
  }, async () => {
    const concurrency = await runCli(['import', 'missing.csv', '--concurrency', 'abc'])
    expect(concurrency.code).toBe(2)
    expect(concurrency.stderr).toContain(
      '--concurrency must be a whole number from 1 to 64, not "abc"',
    )
    const rate = await runCli(['import', 'missing.csv', '--rate', '0'])
    expect(rate.code).toBe(2)
    expect(rate.stderr).toContain('--rate must be a number of creates per minute above 0')
  })

  it('a wrong header stops before any request ("no uid column"); an empty file warns', {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callsession-cli-'))
    const wrong = join(dir, 'wrong.csv')
    await writeFile(wrong, 'id,name\nx-1,X\n')
    const posts = fake.log.length
    const result = await runCli(['import', wrong])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('no uid column')
    expect(result.stderr).toContain('Nothing was imported.')
    expect(fake.log.length).toBe(posts)
    const empty = join(dir, 'empty.json')
    await writeFile(empty, '[]')
    const none = await runCli(['import', empty])
    expect(none.code).toBe(0)
    expect(none.stderr).toContain('holds no users')
  })

  it('keeps failed rows in a checkpoint and a rerun resumes with them', {
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callsession-cli-'))
    const file = join(dir, 'users.csv')
    await writeFile(file, 'uid,name\nr-1,One\nr-2,Two\nr-3,Three\nr-4,Four\n')
    refused.add('r-2')
    const first = await runCli(['import', file, '--concurrency', '1'])
    expect(first.code).toBe(1)
    expect(first.stdout).toContain('line 3: failed r-2 (ERR_MISSION_FAILED)')
    expect(first.stderr).toContain(`kept in ${file}.checkpoint.json`)
    refused.clear()
    const again = await runCli(['import', file])
    expect(again.stderr).toContain('resuming from')
    expect(again.stdout).toContain('4 rows, 1 created, 0 already existed')
    expect(again.stdout).toContain('3 done in an earlier run')
    expect(again.code).toBe(0)
    await expect(access(`${file}.checkpoint.json`)).rejects.toThrow()
  })

  it('reports a soft-deleted existing user as deactivated', { timeout: 60_000 }, async () => {
    fake.users.set('gone-1', { uid: 'gone-1', name: 'Gone', createdAt: 1, deactivatedAt: 2 })
    const dir = await mkdtemp(join(tmpdir(), 'callsession-cli-'))
    const file = join(dir, 'users.json')
    await writeFile(file, JSON.stringify([{ uid: 'gone-1', name: 'Gone' }]))
    const result = await runCli(['import', file])
    expect(result.stdout).toMatch(/line 1: deactivated gone-1 \(gone-1 exists but is deactivated/)
    expect(result.stdout).toContain('1 deactivated')
    expect(result.code).toBe(1)
  })
})
