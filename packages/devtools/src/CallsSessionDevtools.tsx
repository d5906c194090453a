'use client'
import type { CallsSession } from '@callsession/core'
import { CallsSessionContext } from '@callsession/react'
import { type ReactElement, useContext, useEffect, useMemo, useState } from 'react'
import { DevtoolsPanel } from './DevtoolsPanel.js'
import { createDevtoolsStore } from './devtoolsStore.js'
import { corner, type DevtoolsPosition, styles } from './styles.js'
import { devtoolsChannelName } from './tabAnnouncement.js'

/** Props of `<CallsSessionDevtools>`. */
export interface CallsSessionDevtoolsProps {
  /** The session to show; default: the one of the nearest `<CometChatAuthProvider>`. */
  session?: CallsSession | undefined
  /** Start with the panel open. Default `false`. */
  initialIsOpen?: boolean | undefined
  /** The corner of the toggle button and the panel. Default `bottom-right`. */
  position?: DevtoolsPosition | undefined
  /**
   * The CometChat app id: names the channel the panels of this app's tabs meet on
   * (`callsession-devtools:{appId}`). Give it when several apps share an origin.
   */
  appId?: string | undefined
}

/**
 * A panel showing the session's life: state and uid, the token's lifetime, the events with their
 * durations, the tabs sharing the session, and buttons to force a refresh or (in development)
 * simulate a CometChat refusal. From `@callsession/devtools` it renders nothing in production.
 * @example <CometChatAuthProvider …><App /><CallsSessionDevtools /></CometChatAuthProvider>
 */
export function CallsSessionDevtools({
  session: given,
  initialIsOpen = false,
  position = 'bottom-right',
  appId,
}: CallsSessionDevtoolsProps): ReactElement | null {
  const nearest = useContext(CallsSessionContext)
  const session = given ?? nearest
  const [open, setOpen] = useState(initialIsOpen)
  const channelName = devtoolsChannelName(appId)
  const store = useMemo(
    () => (session ? createDevtoolsStore(session, channelName) : undefined),
    [session, channelName],
  )
  // Connected while mounted, open or not: the timeline then starts with the session.
  useEffect(() => store?.connect(), [store])
  return (
    <div data-testid="callsession-devtools" style={corner(position, 12)}>
      {open ? (
        <div style={styles.panel} role="dialog" aria-label="CallSession devtools">
          <div style={styles.header}>
            <strong>callsession devtools</strong>
            <button
              type="button"
              style={styles.button}
              onClick={() => setOpen(false)}
              aria-label="Close callsession devtools"
            >
              ×
            </button>
          </div>
          {session && store ? (
            <DevtoolsPanel session={session} store={store} />
          ) : (
            <p style={styles.section}>
              No session: pass <code>session</code>, or render inside{' '}
              <code>&lt;CometChatAuthProvider&gt;</code>.
            </p>
          )}
        </div>
      ) : (
        <button
          type="button"
          style={styles.toggle}
          onClick={() => setOpen(true)}
          aria-label="Open callsession devtools"
        >
          callsession
        </button>
      )}
    </div>
  )
}
