// The repo's one faithful fake Calls SDK (core's), with the counters these tests read.
import { createFakeSdkV5 } from '../../core/test/fakeSdk.js'

export function fakeSdk() {
  const sdk = createFakeSdkV5()
  return {
    sdk,
    logins: () => sdk.fake.calls.login ?? 0,
    logouts: () => sdk.fake.calls.logout ?? 0,
    loggedInUid: () => sdk.fake.loggedInUser()?.uid ?? null,
  }
}
