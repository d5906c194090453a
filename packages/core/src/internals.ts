import type { SdkAdapter } from './sdk/sdkAdapter.js'
import type { CallsUser } from './state.js'
import type { RawGrant } from './tokenEndpoint.js'
import type { CallsSessionOptions } from './types.js'

/** Where the session keeps what only `@callsession/core/dev` may reach. Not public API. */
// Stryker disable next-line StringLiteral: static: runs once at import, and the shared module graph (isolate: false) keeps the first copy; unit.buildMode.test.ts fails with it applied by hand
export const internals: unique symbol = Symbol.for('@callsession/core.internals')

/**
 * Initializes the SDK and sets (or, with no argument, clears) a token source used instead of the
 * app's token endpoint: how the dev entry signs in with the Auth Key through the normal login.
 * `adopt` takes over a session the SDK signed in by itself (v5's Auth-Key `login`); `rejected`
 * runs what a CometChat refusal of the current token runs (one fresh token), for devtools.
 */
export type SessionInternals = (source?: () => Promise<RawGrant>) => Promise<{
  sdk: SdkAdapter
  options: CallsSessionOptions
  adopt(user: CallsUser): void
  rejected(): Promise<void>
}>
