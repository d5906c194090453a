import { lazy, Suspense } from 'react'
import type { AppUser, PublicConfig } from '../api.js'
import { CallPanel } from '../calls/CallPanel.js'
import { Timeline } from '../timeline/Timeline.js'
import { DeleteAccount } from './DeleteAccount.js'
import { ProfileForm } from './ProfileForm.js'
import { SessionPanel } from './SessionPanel.js'
import { SwitchUser } from './SwitchUser.js'

// Development only: under `vite build` this branch is dead code and the panel (with the Auth-Key
// login code it imports) is not in the bundle at all. A test scans dist/ to prove it.
const DevAuthKeyPanel = import.meta.env.DEV
  ? lazy(() => import('./DevAuthKeyPanel.js').then((m) => ({ default: m.DevAuthKeyPanel })))
  : null

/** The signed-in page: the session at the top, its timeline in the centre, the controls aside. */
export function Dashboard({ me, config }: { me: AppUser; config: PublicConfig }) {
  return (
    <div className="dashboard">
      <SessionPanel me={me} ttlSeconds={config.tokenTtlSeconds} />
      <div className="columns">
        <Timeline />
        <aside className="side" aria-label="Controls">
          <CallPanel emulator={config.emulator} />
          <SwitchUser me={me} />
          <ProfileForm key={me.id} me={me} />
          {DevAuthKeyPanel && (
            <Suspense fallback={null}>
              <DevAuthKeyPanel />
            </Suspense>
          )}
          <DeleteAccount />
        </aside>
      </div>
    </div>
  )
}
