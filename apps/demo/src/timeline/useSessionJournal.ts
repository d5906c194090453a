import { useCallsSession } from '@callsession/react'
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { RequestLogOptions } from './requestLog.js'
import { journalFor } from './sessionJournal.js'

/** Where the journal looks for requests (the token endpoint and the Calls API base). */
export const JournalOptionsContext = createContext<RequestLogOptions>({
  tokenEndpoint: '/api/cometchat/token',
  callsHost: undefined,
})

/** The journal of the nearest provider's session, re-rendering on every new step or request. */
export function useSessionJournal() {
  const { session } = useCallsSession()
  const journal = journalFor(session, useContext(JournalOptionsContext))
  return useSyncExternalStore(journal.subscribe, journal.getSnapshot)
}
