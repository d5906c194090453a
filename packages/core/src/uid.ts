/** CometChat's uid rule: letters, digits, `_` and `-`, 1 to 100 characters. */
export const UID_PATTERN = /^[a-zA-Z0-9_-]{1,100}$/

/** Whether `value` is a uid CometChat accepts. */
export function isValidUid(value: unknown): value is string {
  return typeof value === 'string' && UID_PATTERN.test(value)
}

/** CometChat lowercases uids when it creates a user, so `Alice` and `alice` are one user. */
export function sameUid(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
