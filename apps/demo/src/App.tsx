import { CometChatAuthProvider } from '@callsession/react/react-query'
import { useEffect, useState } from 'react'
import { useConfig, useMe, useSignOut } from './appQueries.js'
import { AdminImport } from './components/AdminImport.js'
import { Dashboard } from './components/Dashboard.js'
import { SignIn } from './components/SignIn.js'

/** `#/admin` shows the batch import; anything else the dashboard. */
function useRoute() {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const onChange = () => setHash(window.location.hash)
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return hash === '#/admin' ? 'admin' : 'home'
}

export function App() {
  const config = useConfig()
  const me = useMe()
  const signOut = useSignOut()
  const route = useRoute()

  if (config.isPending || me.isPending)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    )
  if (config.isError || me.isError) {
    return (
      <p className="error" role="alert">
        The demo backend is not answering: {(config.error ?? me.error)?.message}
      </p>
    )
  }
  const user = me.data
  return (
    <CometChatAuthProvider
      appId={config.data.appId}
      region={config.data.region}
      {...(config.data.callsHost ? { host: config.data.callsHost } : {})}
      tokenEndpoint="/api/cometchat/token"
      uid={user?.id ?? null}
    >
      <header className="bar">
        <h1>callsession demo</h1>
        {config.data.emulator && <span className="tag">CometChat emulator</span>}
        {user && (
          <nav aria-label="Main">
            <a href="#/" aria-current={route === 'home' ? 'page' : undefined}>
              Session
            </a>
            <a href="#/admin" aria-current={route === 'admin' ? 'page' : undefined}>
              Admin: import
            </a>
          </nav>
        )}
        {user && (
          <div className="who">
            <span>
              Signed in to the app as <strong data-testid="app-user">{user.name}</strong>
            </span>
            <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main>
        {!user ? <SignIn /> : route === 'admin' ? <AdminImport /> : <Dashboard me={user} />}
      </main>
    </CometChatAuthProvider>
  )
}
