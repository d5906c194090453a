// (c) The seed's pattern: the SDK imported eagerly into the main bundle, then init, the token
// request and login one after another.
import { CometChatCalls } from '@cometchat/calls-sdk-javascript'
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import {
  config,
  fetchAuthToken,
  MARKS,
  mark,
  ROOM,
  VERIFY_SESSION_ID,
  v4Host,
} from '../common/benchPage.js'

// Static imports evaluate first: here the SDK (with React) is evaluated.
mark(MARKS.sdkEvaluated)

async function signIn(): Promise<string> {
  mark(MARKS.signInStart)
  const settings = new CometChatCalls.CallAppSettingsBuilder()
    .setAppId(config.appId)
    .setRegion(config.region)
    .setHost(v4Host(config.host))
    .build()
  await CometChatCalls.init(settings)
  const authToken = await fetchAuthToken()
  await CometChatCalls.generateToken(VERIFY_SESSION_ID, authToken)
  mark(MARKS.authenticated)
  const { token } = await CometChatCalls.generateToken(ROOM, authToken)
  mark(MARKS.callToken)
  return token
}

function App() {
  const [status, setStatus] = useState('authenticating')
  useEffect(() => {
    signIn().then(
      () => setStatus('authenticated'),
      (error: unknown) => {
        mark(MARKS.failed, String(error))
        setStatus('error')
      },
    )
  }, [])
  return (
    <main>
      <h1>Calls</h1>
      <p data-testid="status">{status}</p>
    </main>
  )
}

const root = document.getElementById('root')
if (root) createRoot(root).render(<App />)
