import { CallsSessionError } from './errors.js'

/**
 * Every asynchronous step a session takes. Each one runs through `SessionSteps.run`, the one guard
 * that makes "a superseded step can't land" structural: a logout, a user switch or `destroy()`
 * starts a new generation, and a step of an older generation is refused before it starts and
 * dropped when it ends (it rejects `ABORTED`), so its result never reaches the state.
 */
export type SessionStep =
  /** Load the Calls SDK, claim it, and `init` it. */
  | 'sdk'
  /** Fetch a token from the app's server (TanStack query-core: retries, de-duplication). */
  | 'token'
  /** SDK sign-in with a fresh token (v5 `loginWithAuthToken`; 4.x has CometChat verify it). */
  | 'sdkLogin'
  /** Swap a refreshed token into the signed-in SDK. */
  | 'sdkSwap'
  /** SDK sign-out before a switch. */
  | 'sdkLogout'
  /** Ask CometChat for a call token. */
  | 'callToken'
  /** Take in a token another tab fetched. */
  | 'tabAdopt'

/** Generations and the guard every async step goes through. */
export interface SessionSteps {
  /** The current generation. */
  readonly current: number
  /** Starts a new generation: every step of the older ones is now superseded. */
  next(): number
  /** Runs `step` for generation `mine`; rejects `ABORTED` if `mine` is superseded before or after it. */
  run<T>(mine: number, step: SessionStep, work: () => T | Promise<T>): Promise<T>
}

export function createSessionSteps(): SessionSteps {
  let current = 0
  const check = (mine: number, step: SessionStep) => {
    if (mine !== current) {
      throw new CallsSessionError('ABORTED', `Superseded during step "${step}"`)
    }
  }
  return {
    get current() {
      return current
    },
    // Stryker disable next-line UpdateOperator: equivalent: generations are only compared for equality
    next: () => ++current,
    async run(mine, step, work) {
      check(mine, step)
      const result = await work()
      check(mine, step)
      return result
    },
  }
}
