import { type CallsSessionState, useCallsSession } from '@callsession/react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { meQuery } from '../appQueries.js'
import { onAppSessionChange } from './appSessionChannel.js'
import { isFollowingPaused } from './followPause.js'

const signedIn = (state: CallsSessionState) =>
  state.status === 'authenticated' || state.status === 'refreshing'

/** Errors that mean "the app user is not who this tab thinks": ask the server, then follow. */
const FOLLOWED_ERRORS = new Set(['UID_MISMATCH', 'UNAUTHORIZED'])

/**
 * Keeps this tab's app session (header, `uid` of the provider) in step with the other tabs:
 * - another tab announces a sign-in, switch, sign-out or profile save: refetch `me`;
 * - the Calls session hits UID_MISMATCH/UNAUTHORIZED (the cookie changed under us without a
 *   message, e.g. a sign-in from another window): refetch `me`, the provider then follows it;
 * - the Calls session was signed out by another tab while this app user is still signed in (that
 *   tab used the dev Auth-Key login): sign the app user back in here.
 */
export function FollowOtherTabs() {
  const client = useQueryClient()
  const { session } = useCallsSession()
  useEffect(() => {
    const refetchMe = () => client.fetchQuery({ ...meQuery, staleTime: 0 })
    const stopChannel = onAppSessionChange(() => {
      void client.invalidateQueries({ queryKey: ['me'] })
      void client.invalidateQueries({ queryKey: ['users'] })
    })
    // #region snippet:follow
    const stopSession = session.subscribe((state, previous) => {
      if (isFollowingPaused()) return
      const followError = state.status === 'error' && FOLLOWED_ERRORS.has(state.error.code)
      const droppedByOtherTab = state.status === 'signed-out' && signedIn(previous)
      if (!followError && !droppedByOtherTab) return
      refetchMe().then((me) => {
        // The provider follows a changed `me` by itself; an unchanged one needs a nudge.
        if (me && droppedByOtherTab && session.getState().status === 'signed-out') {
          session.syncUser(me.id).catch(() => {})
        }
      }, ignore)
    })
    // #endregion
    return () => {
      stopChannel()
      stopSession()
    }
  }, [client, session])
  return null
}

const ignore = () => {}
