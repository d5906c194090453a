import { useCallsSession } from '@callsession/react'
import type { AppUser, PublicConfig } from '../api.js'
import { useSignOut } from '../appQueries.js'

/** The app bar: product, pages, who is signed in to the app and to CometChat. */
export function AppHeader({
  config,
  user,
  route,
}: {
  config: PublicConfig
  user: AppUser | null
  route: 'home' | 'admin'
}) {
  const signOut = useSignOut()
  const status = useCallsSession((s) => s.status)
  return (
    <header className="bar">
      <a className="brand" href="#/">
        <img src="/favicon.svg" alt="" width="24" height="24" />
        callsession <span className="muted">demo</span>
      </a>
      {config.emulator ? (
        <span
          className="tag"
          title="No COMETCHAT_* credentials: a local CometChat emulator answers"
        >
          CometChat emulator
        </span>
      ) : (
        <span className="tag live" title={`CometChat app ${config.appId} (${config.region})`}>
          CometChat {config.region}
        </span>
      )}
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
      <div className="who">
        <span className="calls-status" title="The CometChat Calls session of this tab">
          <span className={`dot status-${status}`} aria-hidden="true" /> Calls:{' '}
          <span data-testid="header-calls-status">{status}</span>
        </span>
        {user && (
          <span>
            Signed in to the app as <strong data-testid="app-user">{user.name}</strong>
          </span>
        )}
        {user && (
          <button
            type="button"
            className="quiet"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            Sign out
          </button>
        )}
      </div>
    </header>
  )
}
