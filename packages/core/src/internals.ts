import type { Grant } from './grant.js'
import type { SdkAdapter } from './sdk/sdkAdapter.js'
import type { CallsUser } from './state.js'

/** Where the session keeps what only `@callsession/core/dev` may reach. Not public API. */
export const internals: unique symbol = Symbol.for('@callsession/core.internals')

/** How a sign-in obtains its credential when it is not the app's token endpoint. */
export type SignInSource = (context: {
  adapter: SdkAdapter
  appId: string
  region: string
  host: string | undefined
}) => Promise<{ grant: Grant } | { user: CallsUser }>

export interface SessionInternals {
  /** Signs in like `login`, with the credential from `source` instead of the token endpoint. */
  signInWith(uid: string, source: SignInSource): Promise<CallsUser>
}
