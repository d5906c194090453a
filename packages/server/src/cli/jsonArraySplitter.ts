import { ImportFileError, MAX_RECORD_CHARS } from './importFileError.js'

/** One element of the top-level JSON array, parsed, with where it was. */
export interface JsonElement {
  /** 1-based position in the array. */
  element: number
  /** 1-based line where the element starts. */
  line: number
  value: unknown
}

const State = { Start: 0, Open: 1, AfterComma: 2, Value: 3, Done: 4 } as const
type State = (typeof State)[keyof typeof State]

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/**
 * Splits a JSON array arriving in chunks into its elements, each parsed on its own, so a file of a
 * million users never sits in memory and an error names the element it is in. No dependency does
 * this with element positions in its errors; it is a bracket/string scanner, with `JSON.parse`
 * judging each element.
 */
export class JsonArraySplitter {
  private state: State = State.Start
  private line = 1
  private depth = 0
  private inString = false
  private escaped = false
  private pieces: string[] = []
  private size = 0
  private count = 0
  private startLine = 1
  private sawText = false

  /** True once the input held nothing but whitespace so far. */
  get empty(): boolean {
    return !this.sawText
  }

  /** Feeds the next chunk; returns the elements it completed. */
  push(chunk: string): JsonElement[] {
    const out: JsonElement[] = []
    let from = -1
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (this.state === State.Value) {
        if (from < 0) from = i
        if (this.inString) {
          if (this.escaped) this.escaped = false
          else if (c === 0x5c) this.escaped = true
          else if (c === 0x22) this.inString = false
          else if (c === 0x0a) this.line++
          continue
        }
        if (c === 0x0a) this.line++
        else if (c === 0x22) this.inString = true
        else if (c === 0x7b || c === 0x5b) this.depth++
        else if ((c === 0x2c || c === 0x5d) && this.depth === 0) {
          this.take(chunk.slice(from, i))
          from = -1
          out.push(this.finish())
          this.state = c === 0x2c ? State.AfterComma : State.Done
        } else if (c === 0x7d || c === 0x5d) this.depth--
        continue
      }
      if (c === 0x0a) this.line++
      if (isSpace(c)) continue
      this.sawText = true
      if (this.state === State.Start) {
        if (c !== 0x5b) throw this.notAnArray(c)
        this.state = State.Open
      } else if (this.state === State.Done) {
        throw new ImportFileError(
          'INVALID_JSON',
          `JSON error at line ${this.line}: text after the end of the array`,
          { line: this.line },
        )
      } else if (c === 0x5d && this.state === State.Open && this.count === 0) {
        this.state = State.Done
      } else if (c === 0x5d || c === 0x2c) {
        throw this.error(
          this.count + 1,
          c === 0x5d ? 'no value after the last comma (a trailing comma?)' : 'an empty element',
          this.line,
        )
      } else {
        this.state = State.Value
        this.startLine = this.line
        this.depth = c === 0x7b || c === 0x5b ? 1 : 0
        this.inString = c === 0x22
        this.escaped = false
        from = i
      }
    }
    if (from >= 0) this.take(chunk.slice(from))
    return out
  }

  /** Ends the input: throws unless the array was closed (an empty input is not an error). */
  end(): void {
    if (this.state === State.Done || !this.sawText) return
    if (this.state === State.Start) throw this.notAnArray(0)
    throw new ImportFileError(
      'INVALID_JSON',
      `JSON error: the file ends inside element ${this.count + (this.state === State.Value ? 1 : 0)} (the array is not closed with "]")`,
      { line: this.line, element: this.count + 1 },
    )
  }

  private take(piece: string): void {
    this.size += piece.length
    if (this.size > MAX_RECORD_CHARS) {
      throw new ImportFileError(
        'RECORD_TOO_LARGE',
        `element ${this.count + 1} (line ${this.startLine}) is over ${MAX_RECORD_CHARS} characters`,
        { line: this.startLine, element: this.count + 1 },
      )
    }
    this.pieces.push(piece)
  }

  private finish(): JsonElement {
    const text = this.pieces.join('')
    this.pieces = []
    this.size = 0
    this.count++
    try {
      return { element: this.count, line: this.startLine, value: JSON.parse(text) }
    } catch (error) {
      throw this.error(this.count, error instanceof Error ? error.message : String(error))
    }
  }

  private error(element: number, reason: string, line = this.startLine): ImportFileError {
    return new ImportFileError(
      'INVALID_JSON',
      `JSON error in element ${element} (index ${element - 1}, line ${line}): ${reason}`,
      { line, element },
    )
  }

  private notAnArray(c: number): ImportFileError {
    return new ImportFileError(
      'NOT_AN_ARRAY',
      c === 0x7b
        ? 'a JSON import file must hold an array of users, and this one holds an object'
        : 'a JSON import file must hold an array of users ([{"uid": …, "name": …}, …])',
      { line: this.line },
    )
  }
}
