/**
 * Runs async tasks one at a time, in call order: SDK logins and logouts must never interleave
 * (a late login for an old user would otherwise land after the logout meant to end it).
 */
export function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => {})
    return run
  }
}
