import { useEffect, useState } from 'react'
import { useConfig, useMe } from './appQueries.js'
import { CallsProvider } from './CallsProvider.js'
import { AdminImport } from './components/AdminImport.js'
import { AppHeader } from './components/AppHeader.js'
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
    <CallsProvider config={config.data} user={user}>
      <AppHeader config={config.data} user={user} route={route} />
      <main>
        {!user ? (
          <SignIn />
        ) : route === 'admin' ? (
          <AdminImport />
        ) : (
          <Dashboard me={user} config={config.data} />
        )}
      </main>
    </CallsProvider>
  )
}
