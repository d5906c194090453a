import type { CallsSessionState } from '@callsession/react'
import { humanError } from '../messages/humanError.js'
import type { SnippetName } from './snippetNames.js'

/** A state change told as a step of the integration, with the code that made it happen. */
export interface StepExplanation {
  title: string
  detail: string
  snippets: SnippetName[]
}

const uidOf = (state: CallsSessionState) =>
  'user' in state ? state.user.uid : state.status === 'authenticating' ? state.uid : undefined
const clock = (ms: number) => new Date(ms).toLocaleTimeString()

/** Explains `state`, reached from `previous` (undefined for the first state seen). */
export function explainStep(
  state: CallsSessionState,
  previous: CallsSessionState | undefined,
): StepExplanation {
  switch (state.status) {
    case 'signed-out':
      return previous && previous.status !== 'signed-out'
        ? {
            title: 'Signed out of CometChat',
            detail:
              'The app user signed out (here or in another tab), so the provider got uid={null}: core logged the SDK out and dropped the token from memory.',
            snippets: ['provider'],
          }
        : {
            title: 'Waiting for an app user',
            detail: 'The provider has uid={null}: nothing runs, no request is made.',
            snippets: ['provider'],
          }
    case 'authenticating': {
      const switching = previous && 'user' in previous
      return {
        title: switching
          ? `Switching to ${state.uid ?? 'another user'}`
          : `Signing in ${state.uid ?? ''}`,
        detail: `The provider got uid="${state.uid ?? '?'}": core asks your server’s token endpoint for an auth token (the server decides who you are from its own cookie), then has CometChat verify it.`,
        snippets: ['provider', 'tokenHandler'],
      }
    }
    case 'refreshing':
      return {
        title: 'Refreshing the token',
        detail:
          'A new auth token is on its way (due before expiry, asked for, or CometChat refused the old one). The status never drops to signed-out meanwhile: calls keep working.',
        snippets: ['refresh', 'tokenHandler'],
      }
    case 'authenticated': {
      const until = state.expiresAt
        ? ` The token is good until ${clock(state.expiresAt)}; core refreshes it before then.`
        : ''
      if (previous?.status === 'refreshing')
        return {
          title: 'Token refreshed',
          detail: `The new token is in place, the session never left signed-in.${until}`,
          snippets: ['refresh'],
        }
      if (previous?.status === 'authenticated' && uidOf(previous) === state.user.uid) {
        const renamed = previous.user.name !== state.user.name
        return renamed
          ? {
              title: `Now called ${state.user.name ?? state.user.uid}`,
              detail: 'The session’s user changed its name (a fresh token carries the profile).',
              snippets: ['hook'],
            }
          : {
              title: 'Took the token another tab fetched',
              detail: `Another tab refreshed and shared its token over a BroadcastChannel: no request from this tab.${until}`,
              snippets: ['refresh'],
            }
      }
      return {
        title: `Signed in as ${state.user.name ?? state.user.uid}`,
        detail: `CometChat accepted the token. Components read this state with the hook.${until}`,
        snippets: ['hook'],
      }
    }
    case 'error': {
      const { what, todo } = humanError(state.error)
      return { title: 'Stopped with an error', detail: `${what} ${todo}`, snippets: ['followTabs'] }
    }
  }
}
