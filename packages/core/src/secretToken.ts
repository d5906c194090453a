/**
 * An auth token held in memory only. The value sits in a private field, so `JSON.stringify`,
 * structured logging, devtools' query inspectors and cache persisters see `"[redacted]"`.
 */
export class SecretToken {
  readonly #value: string

  constructor(value: string) {
    this.#value = value
  }

  /** The raw token, for the one place that must send it (the SDK, another tab). */
  reveal(): string {
    return this.#value
  }

  toJSON(): string {
    return '[redacted]'
  }

  toString(): string {
    return '[redacted]'
  }
}
