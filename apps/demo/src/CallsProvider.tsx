import { CallsSessionDevtools } from '@callsession/devtools'
import { CometChatAuthProvider } from '@callsession/react/react-query'
import type { ReactNode } from 'react'
import type { AppUser, PublicConfig } from './api.js'
import { FollowOtherTabs } from './appSession/FollowOtherTabs.js'
import { SessionRecorder } from './timeline/SessionRecorder.js'
import { JournalOptionsContext } from './timeline/useSessionJournal.js'

export const TOKEN_ENDPOINT = '/api/cometchat/token'

/** The Calls session for the whole app: it follows the app user, and other tabs. */
export function CallsProvider({
  config,
  user,
  children,
}: {
  config: PublicConfig
  user: AppUser | null
  children: ReactNode
}) {
  const journal = { tokenEndpoint: TOKEN_ENDPOINT, callsHost: config.callsHost }
  // #region snippet:provider
  return (
    <CometChatAuthProvider
      appId={config.appId}
      region={config.region}
      {...(config.callsHost ? { host: config.callsHost } : {})}
      {...(config.adminHost ? { adminHost: config.adminHost } : {})}
      tokenEndpoint="/api/cometchat/token"
      // The app's signed-in user: a uid signs in (or switches), null signs out.
      uid={user?.id ?? null}
    >
      <FollowOtherTabs />
      <JournalOptionsContext value={journal}>
        <SessionRecorder />
        {children}
      </JournalOptionsContext>
      {/* The session's life in a corner panel; renders nothing in production builds. */}
      <CallsSessionDevtools appId={config.appId} />
    </CometChatAuthProvider>
  )
  // #endregion
}
