import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpResponse, http } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { BASE, createTestClient, installFakeCometChat, server } from '../../test/fakeCometChat.js'
import { Checkpoint } from '../cli/checkpoint.js'
import { type ImportResult, importUsers, parseUsersFile, readUsers } from '../cli/import.js'

const fake = installFakeCometChat()

beforeEach(() => {
  // CometChat's list: `searchKey` is a prefix match and deactivated users are left out unless
  // `withDeactivated` (COMETCHAT.md). The shared fake ignores searchKey: this follows the docs.
  server.use(
    http.get(`${BASE}/users`, ({ request }) => {
      const url = new URL(request.url)
      const key = url.searchParams.get('searchKey') ?? ''
      const withDeactivated = url.searchParams.get('withDeactivated') === 'true'
      const data = [...fake.users.values()].filter(
        (u) => u.uid.startsWith(key) && (withDeactivated || u.deactivatedAt === undefined),
      )
      return HttpResponse.json({
        data,
        meta: {
          pagination: { total: data.length, per_page: 100, current_page: 1, total_pages: 1 },
        },
      })
    }),
  )
})

/** 1,000 data rows (lines 2..1001); every 100th row has a bad uid. */
function csvWithBadRows(): { text: string; badLines: number[] } {
  const lines = ['uid,name,avatar']
  const badLines: number[] = []
  for (let i = 0; i < 1000; i++) {
    const bad = i % 100 === 50
    if (bad) badLines.push(i + 2)
    lines.push(bad ? `bad/uid-${i},User ${i},` : `user-${i},User ${i},https://example.com/${i}.png`)
  }
  return { text: `${lines.join('\n')}\n`, badLines }
}

describe('importUsers', () => {
  it('imports 1,000 rows with 10 bad ones: creates 990 and reports the 10 by line', async () => {
    const { text, badLines } = csvWithBadRows()
    const summary = await importUsers({
      cometchat: createTestClient(),
      rows: parseUsersFile(text, 'csv'),
      concurrency: 8,
      ratePerMinute: 0,
    })
    expect(summary.created).toBe(990)
    expect(summary.warnings).toEqual([])
    expect(summary.invalid.map((r) => r.line)).toEqual(badLines)
    expect(summary.invalid.every((r) => r.code === 'INVALID_UID')).toBe(true)
    expect(fake.users.size).toBe(990)
  }, 30_000) // 1,000 requests through msw: 5 s is not enough on 2 shared, loaded cores (no timing is asserted)

  it('re-run after an interruption creates no duplicates and skips existing users', {
    timeout: 30_000,
  }, async () => {
    const { text } = csvWithBadRows()
    const rows = parseUsersFile(text, 'csv')
    await importUsers({ cometchat: createTestClient(), rows: rows.slice(0, 400), ratePerMinute: 0 })
    const summary = await importUsers({
      cometchat: createTestClient(),
      rows,
      concurrency: 8,
      ratePerMinute: 0,
    })
    expect(summary.skipped).toBe(396)
    expect(summary.created).toBe(594)
    expect(fake.users.size).toBe(990)
    expect(fake.log.filter((r) => r.method === 'POST').length).toBe(396 + 990)
  })

  it('dry run validates without any request', async () => {
    const summary = await importUsers({
      cometchat: createTestClient(),
      rows: parseUsersFile(csvWithBadRows().text, 'csv'),
      dryRun: true,
    })
    expect(summary.invalid).toHaveLength(10)
    expect(fake.log).toHaveLength(0)
  })

  it('reads JSON, flags duplicate uids in the file and reports rows CometChat refused', async () => {
    server.use(
      http.post(`${BASE}/users`, async ({ request }) => {
        const body = (await request.clone().json()) as { uid: string }
        return body.uid === 'refused'
          ? HttpResponse.json(
              { error: { code: 'AUTH_ERR_NO_ACCESS', message: 'no' } },
              { status: 403 },
            )
          : undefined
      }),
    )
    const rows = parseUsersFile(
      JSON.stringify([
        { uid: 'a', name: 'A' },
        { uid: 'a', name: 'Again' },
        { uid: 'refused', name: 'R' },
        { uid: 'b' },
      ]),
      'json',
    )
    const summary = await importUsers({ cometchat: createTestClient(), rows, ratePerMinute: 0 })
    expect(summary.created).toBe(1)
    expect(summary.invalid.map((r) => [r.line, r.code])).toEqual([
      [2, 'DUPLICATE_UID'],
      [4, 'INVALID_NAME'],
    ])
    expect(summary.failed).toMatchObject([{ line: 3, uid: 'refused', code: 'AUTH_ERR_NO_ACCESS' }])
  })

  it('rides through 429s with the client retry', async () => {
    let n = 0
    server.use(
      http.post(`${BASE}/users`, () =>
        ++n % 3 === 0
          ? HttpResponse.json(
              { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'x' } },
              { status: 429, headers: { 'retry-after': '0' } },
            )
          : undefined,
      ),
    )
    const rows = Array.from({ length: 30 }, (_, i) => ({
      line: i + 1,
      user: { uid: `r${i}`, name: `R${i}` },
    }))
    const summary = await importUsers({
      cometchat: createTestClient({ retries: 5 }),
      rows,
      concurrency: 4,
      ratePerMinute: 0,
    })
    expect(summary.created).toBe(30)
    expect(summary.failed).toHaveLength(0)
  })
})

describe('importUsers: soft-deleted users, streaming, resume', () => {
  it('reports an existing but deactivated (soft-deleted) user as deactivated, not as existing', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'gone', name: 'Gone' })
    await client.users.create({ uid: 'here', name: 'Here' })
    await client.users.delete('gone')
    const summary = await importUsers({
      cometchat: client,
      rows: parseUsersFile('uid,name\ngone,Gone\nhere,Here\nnew,New\n', 'csv'),
      ratePerMinute: 0,
    })
    expect(summary.created).toBe(1)
    expect(summary.skipped).toBe(1)
    expect(summary.deactivated).toMatchObject([
      {
        line: 2,
        uid: 'gone',
        code: 'USER_DEACTIVATED',
        message: expect.stringMatching(/deactivated/),
      },
    ])
    expect(summary.counts.deactivated).toBe(1)
  })

  it('streams: the first user is created before the input has been read to its end', async () => {
    let chunksRead = 0
    const chunks = 2_000
    async function* source() {
      yield 'uid,name\n'
      for (let c = 0; c < chunks; c++) {
        chunksRead = c + 1
        yield Array.from({ length: 10 }, (_, i) => `s-${c}-${i},S ${c} ${i}\n`).join('')
      }
    }
    let readWhenFirstSent: number | undefined
    let created = 0
    const cometchat = {
      users: {
        async create() {
          readWhenFirstSent ??= chunksRead
          created++
          return {}
        },
      },
    } as unknown as ReturnType<typeof createTestClient>
    const summary = await importUsers({
      cometchat,
      rows: readUsers(source(), 'csv'),
      ratePerMinute: 0,
    })
    expect(created).toBe(chunks * 10)
    expect(summary.total).toBe(chunks * 10)
    // Reading everything first (what used 896 MB for 27 MB) would show `chunks` here.
    expect(readWhenFirstSent).toBeLessThan(chunks / 4)
  })

  it('an empty input warns instead of succeeding silently', async () => {
    for (const [text, format] of [
      ['', 'csv'],
      ['uid,name\n', 'csv'],
      ['[]', 'json'],
      ['  \n', 'json'],
    ] as const) {
      const summary = await importUsers({
        cometchat: createTestClient(),
        rows: readUsers([text], format),
        ratePerMinute: 0,
      })
      expect(summary.warnings, `${format}: ${JSON.stringify(text)}`).toEqual([
        { code: 'EMPTY_INPUT', message: 'the file holds no users' },
      ])
    }
  })

  it('reports rate and ETA from its clock', async () => {
    let now = 0
    const seen: { done: number; total: number; perSecond: number; eta: number | undefined }[] = []
    const cometchat = {
      users: {
        async create() {
          now += 500
          return {}
        },
      },
    } as unknown as ReturnType<typeof createTestClient>
    await importUsers({
      cometchat,
      rows: Array.from({ length: 4 }, (_, i) => ({
        line: i + 2,
        user: { uid: `r${i}`, name: 'R' },
      })),
      concurrency: 1,
      ratePerMinute: 0,
      now: () => now,
      onProgress: (done, total, rate) =>
        seen.push({ done, total, perSecond: rate.perSecond, eta: rate.etaSeconds }),
    })
    const afterTwo = seen.find((p) => p.done === 2)
    expect(afterTwo).toEqual({ done: 2, total: 4, perSecond: 2, eta: 1 })
    expect(seen.at(-1)).toMatchObject({ done: 4, total: 4, eta: 0 })
  })

  it('a rerun with the checkpoint sends only the failed and the unsettled rows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callsession-checkpoint-'))
    const path = join(dir, 'users.csv.checkpoint.json')
    const input = { size: 1, mtimeMs: 1, format: 'csv' as const }
    const rows = Array.from({ length: 50 }, (_, i) => ({
      line: i + 2,
      user: { uid: `c${i}`, name: `C ${i}` },
    }))
    // First run: CometChat refuses c7 with a 503, and the run is stopped after 30 rows.
    server.use(
      http.post(`${BASE}/users`, async ({ request }) => {
        const body = (await request.clone().json()) as { uid: string }
        return body.uid === 'c7'
          ? HttpResponse.json(
              { error: { code: 'ERR_MISSION_FAILED', message: 'x' } },
              { status: 503 },
            )
          : undefined
      }),
    )
    const stop = new AbortController()
    const first = new Checkpoint(path, input, undefined, 5)
    const one = await importUsers({
      cometchat: createTestClient({ retries: 0 }),
      rows,
      concurrency: 3,
      ratePerMinute: 0,
      signal: stop.signal,
      onResult(result: ImportResult) {
        first.record(result)
        if (result.ordinal === 29) stop.abort()
      },
    })
    await first.save()
    expect(one.aborted).toBe(true)
    expect(one.failed).toMatchObject([{ uid: 'c7', code: 'ERR_MISSION_FAILED' }])
    const saved = JSON.parse(await readFile(path, 'utf8'))
    expect(saved.settledBefore).toBeGreaterThanOrEqual(30)
    expect(saved.failed).toMatchObject([{ ordinal: 7, uid: 'c7' }])

    // Second run: CometChat is fine again; the checkpoint names what is left.
    server.resetHandlers()
    server.use(...fake.handlers)
    const posts = () =>
      fake.log.filter((r) => r.method === 'POST').map((r) => (r.body as { uid: string }).uid)
    const before = posts().length
    const previous = await Checkpoint.load(path, input)
    const second = new Checkpoint(path, input, previous)
    const two = await importUsers({
      cometchat: createTestClient({ retries: 0 }),
      rows,
      ratePerMinute: 0,
      skip: second.skip,
      onResult: (result) => second.record(result),
    })
    const sentAgain = posts().slice(before)
    expect(sentAgain).toContain('c7')
    expect(sentAgain).not.toContain('c0')
    expect(sentAgain.length).toBe(50 - saved.settledBefore + 1)
    expect(two.resumed).toBe(saved.settledBefore - 1)
    expect(second.clean).toBe(true)
    expect(fake.users.size).toBe(50)
  })

  it('refuses a checkpoint of another version of the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callsession-checkpoint-'))
    const path = join(dir, 'cp.json')
    const input = { size: 10, mtimeMs: 1, format: 'csv' as const }
    await new Checkpoint(path, input).save()
    await expect(Checkpoint.load(path, { ...input, size: 11 })).rejects.toThrow(/--restart/)
    await writeFile(path, 'not json')
    await expect(Checkpoint.load(path, input)).rejects.toMatchObject({
      code: 'CHECKPOINT_MISMATCH',
    })
    expect(await Checkpoint.load(join(dir, 'none.json'), input)).toBeUndefined()
  })
})
