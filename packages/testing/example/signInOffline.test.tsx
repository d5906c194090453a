// @vitest-environment jsdom
// The usage example quoted in this package's README (between the #region markers): a user's own
// app, its sign-in tested offline with the v5 model against the emulator.
//
// Expected to fail until @callsession/core's v5 adapter logs in with `loginWithAuthToken` and
// passes `clientHost`/`adminHost` on (issue 11 item 1): today it calls the seed's
// `login(authToken)`, which the real v5 SDK — and so this model — refuses with
// ERROR_API_KEY_NOT_FOUND. When core lands, `it.fails` turns red: make it `it`.

// #region example
import { type RunningEmulator, startEmulator } from '@callsession/emulator'
import { CometChatAuthProvider, type FetchToken, useCallsSession } from '@callsession/react'
import { createCometChatCallsV5Model } from '@callsession/testing'
import { cleanup, render, screen } from '@testing-library/react'
import { afterAll, beforeAll, expect, it } from 'vitest'

// Your app's component: shows who is signed in to CometChat Calls.
function WhoIsSignedIn() {
  const { status, user, error } = useCallsSession()
  if (status === 'authenticated') return <p>Signed in as {user.uid}</p>
  return <p>{error ? `Error: ${error.code}` : status}</p>
}

let emulator: RunningEmulator
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 }) // a local CometChat on a free port
})
afterAll(async () => {
  cleanup()
  await emulator.close()
})

// Plays your token endpoint: your server asks CometChat's REST API (API key) for a token.
const fetchToken: FetchToken = async () => {
  const uid = 'cometchat-uid-1'
  const answer = await fetch(`${emulator.restBaseUrl}/users/${uid}/auth_tokens`, {
    method: 'POST',
    headers: { apiKey: emulator.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ force: true }),
  })
  const { data } = (await answer.json()) as { data: { authToken: string } }
  return { uid, authToken: data.authToken, expiresIn: 3600 }
}

async function signsInOffline() {
  // A faithful CometChat Calls v5 (its real requests, errors and localStorage), no media.
  const sdk = createCometChatCallsV5Model()
  render(
    <CometChatAuthProvider
      appId={emulator.appId}
      region={emulator.region}
      {...emulator.sdkHosts} // host, clientHost, adminHost → the emulator
      sdk={sdk}
      fetchToken={fetchToken}
      uid="cometchat-uid-1"
    >
      <WhoIsSignedIn />
    </CometChatAuthProvider>,
  )
  expect(await screen.findByText('Signed in as cometchat-uid-1')).toBeTruthy()
  expect(localStorage.getItem(`${emulator.appId}:common_store/user`)).toContain('cometchat-uid-1')
}
// #endregion

it.fails('signs a user of the app in, offline, against the emulator', signsInOffline)
