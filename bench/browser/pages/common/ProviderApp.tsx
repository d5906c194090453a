import { preloadCallsSdk } from '@callsession/core'
import { CometChatAuthProvider, useCallsSession } from '@callsession/react'
import { useEffect, useState } from 'react'
import { appUid, config, MARKS, mark, ROOM } from './benchPage.js'

/**
 * The page under measurement, as an app writes it: `<CometChatAuthProvider>` following the app's
 * user, and a component that asks a call token once the session is authenticated.
 */
export function ProviderApp() {
  return (
    <CometChatAuthProvider
      appId={config.appId}
      region={config.region}
      host={config.host}
      tokenEndpoint={config.tokenEndpoint}
      uid={appUid}
    >
      <CallStatus />
    </CometChatAuthProvider>
  )
}

function CallStatus() {
  const { status, session } = useCallsSession()
  const [callToken, setCallToken] = useState<string>()
  useEffect(
    // A child's effect runs before the provider's, so this sees the sign-in start.
    () =>
      session.subscribe((state, previous) => {
        if (previous.status === 'signed-out' && state.status === 'authenticating') {
          mark(MARKS.signInStart)
          // The SDK load is already under way (sign-in or preload started it): this only observes it.
          preloadCallsSdk().then(() => mark(MARKS.sdkEvaluated), ignore)
        }
        if (state.status === 'authenticated' && previous.status !== 'authenticated') {
          mark(MARKS.authenticated)
          session.generateCallToken(ROOM).then(
            (token) => {
              mark(MARKS.callToken)
              setCallToken(token)
            },
            (error: unknown) => mark(MARKS.failed, String(error)),
          )
        }
        if (state.status === 'error') mark(MARKS.failed, state.error.code)
      }),
    [session],
  )
  return (
    <main>
      <h1>Calls</h1>
      <p data-testid="status">{status}</p>
      {callToken && <p data-testid="call-token">call token ready</p>}
    </main>
  )
}

const ignore = () => {}
