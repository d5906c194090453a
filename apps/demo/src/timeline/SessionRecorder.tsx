import { useCallsSession } from '@callsession/react'
import { useContext } from 'react'
import { journalFor } from './sessionJournal.js'
import { JournalOptionsContext } from './useSessionJournal.js'

/** Starts the journal as soon as the session exists, so every page's steps are recorded. */
export function SessionRecorder() {
  const { session } = useCallsSession()
  journalFor(session, useContext(JournalOptionsContext))
  return null
}
