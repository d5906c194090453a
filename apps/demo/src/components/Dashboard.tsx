import { lazy, Suspense } from 'react'
import type { AppUser } from '../api.js'
import { CallTokenForm } from './CallTokenForm.js'
import { DeleteAccount } from './DeleteAccount.js'
import { ProfileForm } from './ProfileForm.js'
import { SessionPanel } from './SessionPanel.js'
import { SwitchUser } from './SwitchUser.js'
import { Timeline } from './Timeline.js'

// Development only: under `vite build` this branch is dead code and the panel (with the Auth-Key
// login code it imports) is not in the bundle at all. A test scans dist/ to prove it.
const DevAuthKeyPanel = import.meta.env.DEV
  ? lazy(() => import('./DevAuthKeyPanel.js').then((m) => ({ default: m.DevAuthKeyPanel })))
  : null

/** Everything about the signed-in user's call session. */
export function Dashboard({ me }: { me: AppUser }) {
  return (
    <div className="grid">
      <SessionPanel />
      <Timeline />
      <CallTokenForm />
      <SwitchUser me={me} />
      <ProfileForm me={me} />
      <DeleteAccount />
      {DevAuthKeyPanel && (
        <Suspense fallback={null}>
          <DevAuthKeyPanel />
        </Suspense>
      )}
    </div>
  )
}
