import type { CallsSession, CallsSessionOptions, CallsSessionState } from '../src/index.js'
import { createCallsSession } from '../src/index.js'
import { createFakeSdkV5 } from './fakeSdk.js'
import { TOKEN_URL } from './tokenServer.js'

type FakeSdk = ReturnType<typeof createFakeSdkV5>

/** A session on the msw token endpoint with a fake SDK, recording every state it goes through. */
export function openSession<S extends CallsSessionOptions['sdk'] = FakeSdk>(
  options: Partial<CallsSessionOptions> & { sdk?: S } = {},
) {
  const sdk = (options.sdk ?? createFakeSdkV5()) as S extends undefined ? FakeSdk : S
  const session: CallsSession = createCallsSession({
    appId: 'app',
    region: 'us',
    ...(options.fetchToken ? {} : { tokenEndpoint: TOKEN_URL }),
    ...options,
    sdk,
  })
  const states: CallsSessionState[] = []
  session.subscribe((state) => states.push(state))
  return { session, sdk, states, statuses: () => states.map((s) => s.status) }
}
