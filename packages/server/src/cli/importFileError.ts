/** Why an import file cannot be read (the whole file, not one row). */
export type ImportFileErrorCode =
  | 'NO_UID_COLUMN'
  | 'NO_NAME_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'INVALID_CSV'
  | 'INVALID_JSON'
  | 'NOT_AN_ARRAY'
  | 'RECORD_TOO_LARGE'
  | 'INVALID_ENCODING'

/**
 * An import file that cannot be read: a wrong header, malformed CSV or JSON, a record over the size
 * limit. `line` (1-based) and, for JSON, `element` (1-based position in the array) say where.
 */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode
  readonly line: number | undefined
  readonly element: number | undefined

  constructor(
    code: ImportFileErrorCode,
    message: string,
    where: { line?: number | undefined; element?: number | undefined } = {},
  ) {
    super(message)
    this.name = 'ImportFileError'
    this.code = code
    this.line = where.line
    this.element = where.element
  }
}

/** A file row can be at most this long: CometChat takes at most 10 KB per request body. */
export const MAX_RECORD_CHARS = 64 * 1024
