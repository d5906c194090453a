// The same fresh React app with sign-in to CometChat Calls: the provider and one hook.
import { CometChatAuthProvider, useCallsSession } from '@callsession/react'
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  const [count, setCount] = useState(0)
  const status = useCallsSession((s) => s.status)
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      clicked {count} ({status})
    </button>
  )
}

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <CometChatAuthProvider appId="app" region="us" tokenEndpoint="/api/token" uid={null}>
        <App />
      </CometChatAuthProvider>
    </StrictMode>,
  )
