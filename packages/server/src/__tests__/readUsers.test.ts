import { describe, expect, it } from 'vitest'
import { ImportFileError, type ImportRow, parseUsersFile, readUsers } from '../cli/import.js'

async function read(
  source: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  format: 'csv' | 'json',
): Promise<ImportRow[]> {
  const rows: ImportRow[] = []
  for await (const row of readUsers(source, format)) rows.push(row)
  return rows
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the file to be refused')
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ImportFileError)
      return error as ImportFileError
    },
  )

/** The same text, one byte per chunk: every boundary a stream can split at. */
const byteByByte = (text: string | Uint8Array) =>
  [...(typeof text === 'string' ? new TextEncoder().encode(text) : text)].map((b) =>
    Uint8Array.of(b),
  )

describe('readUsers: hostile files', { timeout: 30_000 }, () => {
  it('a wrong header says "no uid column", before any row', async () => {
    const error = await failure(read(['id,name\nann,Ann\n'], 'csv'))
    expect(error.code).toBe('NO_UID_COLUMN')
    expect(error.message).toMatch(/^no uid column/)
    expect(error.message).toContain('"id,name"')
    // A file without a header row at all: its first row is taken as the header and refused.
    expect((await failure(read(['ann,Ann\nbob,Bob\n'], 'csv'))).code).toBe('NO_UID_COLUMN')
    expect((await failure(read(['uid,nom\nann,Ann\n'], 'csv'))).code).toBe('NO_NAME_COLUMN')
    expect(() => parseUsersFile('user,name\n', 'csv')).toThrow(/no uid column/)
  })

  it('header names are matched case-insensitively and a UTF-8 BOM is dropped', async () => {
    const rows = await read([Buffer.from('\uFEFFUID, Name ,Avatar\nann,Ann,\n')], 'csv')
    expect(rows).toEqual([{ line: 2, user: { uid: 'ann', name: 'Ann' } }])
    expect(parseUsersFile('\uFEFF[{"uid":"a","name":"A"}]', 'json')).toHaveLength(1)
  })

  it('reads UTF-16 files by their byte-order mark (Excel "Unicode text")', async () => {
    const text = 'uid,name\nzoe,Zoë 🎉\n'
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    expect(await read(byteByByte(le), 'csv')).toEqual([
      { line: 2, user: { uid: 'zoe', name: 'Zoë 🎉' } },
    ])
    const be = Buffer.from(le)
    be.swap16()
    expect((await read([be], 'csv'))[0]?.user.name).toBe('Zoë 🎉')
  })

  it('bytes that are not UTF-8 are refused with how to fix it', async () => {
    const error = await failure(read([Buffer.from([0x75, 0x69, 0x64, 0x0a, 0xc3, 0x28])], 'csv'))
    expect(error.code).toBe('INVALID_ENCODING')
    expect(error.message).toContain('UTF-8')
  })

  it('malformed CSV names the line', async () => {
    const error = await failure(read(['uid,name\nann,Ann\nbob,"Bob\n'], 'csv'))
    expect(error.code).toBe('INVALID_CSV')
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/line 3/)
  })

  it('a huge line is refused at the limit, not buffered whole', async () => {
    let produced = 0
    function* endless() {
      yield 'uid,name\nann,"'
      // 10 MB of one field without its closing quote.
      for (let i = 0; i < 10_000; i++) {
        produced++
        yield 'x'.repeat(1024)
      }
    }
    const error = await failure(read(endless(), 'csv'))
    expect(error.code).toBe('RECORD_TOO_LARGE')
    expect(error.line).toBe(2)
    expect(produced).toBeLessThan(200)
    let jsonProduced = 0
    function* endlessJson() {
      yield '[{"uid":"a","name":"'
      for (let i = 0; i < 10_000; i++) {
        jsonProduced++
        yield 'x'.repeat(1024)
      }
    }
    const jsonError = await failure(read(endlessJson(), 'json'))
    expect(jsonError).toMatchObject({ code: 'RECORD_TOO_LARGE', element: 1 })
    expect(jsonProduced).toBeLessThan(200)
  })

  it('JSON errors name the element index and line', async () => {
    const text = '[\n{"uid":"a","name":"A"},\n{"uid":"b","name":"B"},\n{"uid":"c" "name":"C"}\n]'
    for (const source of [[text], byteByByte(text)]) {
      const error = await failure(read(source, 'json'))
      expect(error).toMatchObject({ code: 'INVALID_JSON', element: 3, line: 4 })
      expect(error.message).toMatch(/^JSON error in element 3 \(index 2, line 4\)/)
    }
    expect((await failure(read(['[{"uid":"a","name":"A"},]'], 'json'))).message).toMatch(
      /element 2 .*trailing comma/,
    )
    expect((await failure(read(['[{"uid":"a","name":"A"}'], 'json'))).message).toMatch(/not closed/)
    expect((await failure(read(['[{"uid":"a","name":"A"}] x'], 'json'))).code).toBe('INVALID_JSON')
    expect((await failure(read(['{"uid":"a"}'], 'json'))).code).toBe('NOT_AN_ARRAY')
    expect(() => parseUsersFile('[1,,2]', 'json')).toThrow(/element 2/)
  })

  it('JSON strings with brackets, commas, quotes and escapes split correctly at any chunk boundary', async () => {
    const users = [
      {
        uid: 'a',
        name: 'A ] , [ } {',
        metadata: { note: 'quote " and \\ backslash', list: [1, [2]] },
      },
      { uid: 'b', name: 'B\n"B"' },
    ]
    const text = JSON.stringify(users, null, 2)
    const rows = await read(byteByByte(text), 'json')
    expect(rows.map((r) => r.user)).toEqual(users)
    expect(rows.map((r) => r.line)).toEqual([1, 2])
  })

  it('a non-object JSON element and bad metadata are invalid rows, not file errors', () => {
    const rows = parseUsersFile('[3, {"uid":"a","name":"A"}]', 'json')
    expect(rows.map((r) => r.line)).toEqual([1, 2])
    const csv = parseUsersFile('uid,name,metadata\na,A,{not json\n', 'csv')
    expect(csv[0]?.user.metadata).toBe('{not json')
  })

  it('warns about columns it ignores', async () => {
    const warnings: string[] = []
    for await (const _ of readUsers(['uid,name,email\na,A,a@example.com\n'], 'csv', {
      onWarning: (w) => warnings.push(w.message),
    }));
    expect(warnings).toEqual([expect.stringContaining('ignored columns: email')])
  })
})
