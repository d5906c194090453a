// What README snippets take for granted: the app's own names, and what an earlier block of the
// same README created, declared with callsession's real types so that each snippet type-checks
// on its own (strict, exactOptionalPropertyTypes) and misuse of the API still fails.
import type { CallsSession } from '@callsession/core'
import type { RunningEmulator } from '@callsession/emulator'
import type { CometChatClient } from '@callsession/server'
import type { ReactNode } from 'react'

declare global {
  /** Your CometChat app id. */
  const appId: string
  /** Your app's signed-in user, from your own auth. */
  const me: { id: string; name: string } | null
  const currentUser: { id: string; name: string }
  const userId: string | null
  /** Your server-side session lookup: the uid comes only from here. */
  function getSignedInUser(request: Request): Promise<{ uid: string; name: string } | null>
  function App(): ReactNode
  function Spinner(): ReactNode
  function CallScreen(): ReactNode
  function navigate(path: string): void
  function render(value: unknown): void
  function report(value: unknown): void
  function redirectToSignIn(): void
  const DEV_AUTH_KEY: string
  // Made by an earlier block of the same README:
  const session: CallsSession
  const cometchat: CometChatClient
  const tokenHandler: (request: Request) => Promise<Response>
  const request: Request
  const secret: string
  const emulator: RunningEmulator
  const storage: Storage
  const deviceId: string
}
