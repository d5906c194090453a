import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CsvError, parse as parseCsvStream } from 'csv-parse'
import { parse as parseCsvSync } from 'csv-parse/sync'
import type { NewUser } from '../types.js'
import { ImportFileError, MAX_RECORD_CHARS } from './importFileError.js'
import { JsonArraySplitter } from './jsonArraySplitter.js'

/** One input row with the line (CSV) or 1-based element position (JSON) it came from. */
export interface ImportRow {
  line: number
  user: NewUser
}

/** Something to tell the user that does not stop the import. */
export interface ImportWarning {
  code: 'EMPTY_INPUT' | 'UNKNOWN_COLUMNS'
  message: string
}

/** Options of `readUsers`. */
export interface ReadUsersOptions {
  /** Called for what is odd but harmless (unknown columns). */
  onWarning?: (warning: ImportWarning) => void
}

const COLUMNS = ['uid', 'name', 'avatar', 'link', 'role', 'statusmessage', 'tags', 'metadata']

/**
 * Reads users from a CSV (header row: uid,name[,avatar,link,role,statusMessage,tags,metadata]) or
 * a JSON array, chunk by chunk: memory stays bounded whatever the file's size. Bytes are decoded as
 * UTF-8, or UTF-16 when the file starts with its byte-order mark; a UTF-8 BOM is dropped.
 * Throws `ImportFileError` (with the line, and for JSON the element) on a file it cannot read.
 */
export async function* readUsers(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  format: 'csv' | 'json',
  options: ReadUsersOptions = {},
): AsyncGenerator<ImportRow> {
  const text = decode(source)
  if (format === 'json') {
    const splitter = new JsonArraySplitter()
    for await (const chunk of text)
      for (const element of splitter.push(chunk)) yield fromJson(element.element, element.value)
    splitter.end()
    return
  }
  const parser = parseCsvStream(csvOptions(options))
  const feeding = pipeline(Readable.from(text), parser)
  // The pipeline's own rejection is the iteration's error too; this keeps it from going unhandled.
  feeding.catch(() => {})
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>)
      yield fromCsv(record, info.lines)
    await feeding
  } catch (error) {
    throw toFileError(error)
  } finally {
    parser.destroy()
  }
}

/** Parses a whole CSV or JSON text at once (for input already in memory, such as an upload). */
export function parseUsersFile(
  text: string,
  format: 'csv' | 'json',
  options: ReadUsersOptions = {},
): ImportRow[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (format === 'json') {
    const splitter = new JsonArraySplitter()
    const rows = splitter.push(body).map((e) => fromJson(e.element, e.value))
    splitter.end()
    return rows
  }
  try {
    const records = parseCsvSync(body, csvOptions(options)) as CsvRecord[]
    return records.map(({ record, info }) => fromCsv(record, info.lines))
  } catch (error) {
    throw toFileError(error)
  }
}

interface CsvRecord {
  record: Record<string, string>
  info: { lines: number }
}

function csvOptions(options: ReadUsersOptions) {
  return {
    columns: (header: string[]) => checkHeader(header, options),
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  } as const
}

function checkHeader(header: string[], options: ReadUsersOptions): string[] {
  const names = header.map((h) => h.trim().toLowerCase())
  const shown = header.join(',').slice(0, 200)
  if (!names.includes('uid'))
    throw new ImportFileError(
      'NO_UID_COLUMN',
      `no uid column: the first line must be a header such as "uid,name,avatar"; it is "${shown}"`,
      { line: 1 },
    )
  if (!names.includes('name'))
    throw new ImportFileError(
      'NO_NAME_COLUMN',
      `no name column: CometChat requires a name for every user; the header is "${shown}"`,
      { line: 1 },
    )
  const twice = names.find((n, i) => n !== '' && names.indexOf(n) !== i)
  if (twice)
    throw new ImportFileError('DUPLICATE_COLUMN', `the column "${twice}" appears twice`, {
      line: 1,
    })
  const unknown = names.filter((n) => !COLUMNS.includes(n))
  if (unknown.length > 0)
    options.onWarning?.({
      code: 'UNKNOWN_COLUMNS',
      message: `ignored columns: ${unknown.join(', ')} (known: uid, name, avatar, link, role, statusMessage, tags, metadata)`,
    })
  return names
}

function fromCsv(record: Record<string, string>, line: number): ImportRow {
  const user: NewUser = { uid: record.uid ?? '', name: record.name ?? '' }
  if (record.avatar) user.avatar = record.avatar
  if (record.link) user.link = record.link
  if (record.role) user.role = record.role
  if (record.statusmessage) user.statusMessage = record.statusmessage
  if (record.tags)
    user.tags = record.tags
      .split(/[|;]/)
      .map((t) => t.trim())
      .filter(Boolean)
  if (record.metadata) {
    try {
      user.metadata = JSON.parse(record.metadata)
    } catch {
      // Left as text: validation then reports INVALID_METADATA for this row only.
      user.metadata = record.metadata as unknown as Record<string, unknown>
    }
  }
  return { line, user }
}

/** A JSON element is passed on as it is: validation judges it (a number is an INVALID_INPUT row). */
const fromJson = (element: number, value: unknown): ImportRow => ({
  line: element,
  user: value as NewUser,
})

function toFileError(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error
  const line = (error as CsvError & { lines?: number }).lines
  return error.code === 'CSV_MAX_RECORD_SIZE'
    ? new ImportFileError(
        'RECORD_TOO_LARGE',
        `line ${line} is over ${MAX_RECORD_CHARS} characters (is a quote left open?)`,
        { line },
      )
    : new ImportFileError('INVALID_CSV', `CSV error at line ${line}: ${error.message}`, { line })
}

/** Decodes bytes to text chunk by chunk, choosing the encoding from the byte-order mark. */
async function* decode(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined
  let head: Uint8Array | undefined
  let first = true
  try {
    for await (const chunk of source) {
      if (typeof chunk === 'string') {
        yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk
        first = false
        continue
      }
      let bytes = chunk
      if (!decoder) {
        bytes = head ? concat(head, chunk) : chunk
        // A BOM is up to 3 bytes: wait for them before choosing.
        if (bytes.length < 3) {
          head = bytes
          continue
        }
        decoder = decoderFor(bytes)
      }
      first = false
      const text = decoder.decode(bytes, { stream: true })
      if (text) yield text
    }
    if (!decoder && head) decoder = decoderFor(head)
    if (decoder) {
      const rest = decoder.decode(head && first ? head : undefined)
      if (rest) yield rest
    }
  } catch (error) {
    if (error instanceof TypeError && /encoded data|decode/i.test(error.message))
      throw new ImportFileError(
        'INVALID_ENCODING',
        'the file is not UTF-8 (or UTF-16 with a byte-order mark): save it as "CSV UTF-8"',
      )
    throw error
  }
}

function decoderFor(bytes: Uint8Array): TextDecoder {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true })
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true })
  return new TextDecoder('utf-8', { fatal: true })
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
