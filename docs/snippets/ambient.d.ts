// What README snippets take for granted: the app's own names, declared so that each snippet
// type-checks on its own (strict, exactOptionalPropertyTypes). Nothing here is callsession's API.
import type { ReactNode } from 'react'

declare global {
  /** Your CometChat app id. */
  const appId: string
  /** Your app's signed-in user, from your own auth. */
  const me: { id: string; name: string } | null
  const currentUser: { id: string; name: string }
  /** Your server-side session lookup: the uid comes only from here. */
  function getSignedInUser(request: Request): Promise<{ uid: string; name: string } | null>
  function App(): ReactNode
  function render(value: unknown): void
  function report(value: unknown): void
  function redirectToSignIn(): void
  const DEV_AUTH_KEY: string
}
