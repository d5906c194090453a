import { loginWithAuthKey } from '@callsession/core/dev'
import { useCallsSession } from '@callsession/react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api } from '../api.js'
import { pauseFollowing } from '../appSession/followPause.js'
import { ErrorMessage } from '../messages/ErrorMessage.js'

/** Refused before the current session is touched. */
class UnknownUidError extends Error {}

/**
 * Development only (loaded under `import.meta.env.DEV`): the seed's Auth-Key login, with the
 * emulator's Auth Key fetched from the dev server at run time (never built into the bundle).
 * It takes this tab's Calls session over on purpose; an unknown uid is refused up front.
 */
export function DevAuthKeyPanel() {
  const { session, user } = useCallsSession()
  const [uid, setUid] = useState('cometchat-uid-2')
  const key = useQuery({
    queryKey: ['dev', 'auth-key'],
    queryFn: () => api<{ authKey: string | null }>('/dev/auth-key'),
    staleTime: Infinity,
  })
  const login = useMutation({
    mutationFn: async ({ authKey, uid }: { authKey: string; uid: string }) => {
      // loginWithAuthKey signs the current session out first: check the uid before that.
      const known = await api<{ exists: boolean; active: boolean }>(
        `/dev/cometchat-users/${encodeURIComponent(uid)}`,
      )
      if (!known.exists)
        throw new UnknownUidError(
          `CometChat has no user “${uid}”, so nothing changed: your session is untouched. Use an existing uid (cometchat-uid-1 … 5, or anyone who signed in to the app).`,
        )
      if (!known.active)
        throw new UnknownUidError(
          `The user “${uid}” is deactivated at CometChat, so nothing changed: your session is untouched.`,
        )
      // The sign-out it starts with is deliberate: this tab must not follow the app user back.
      const resume = pauseFollowing()
      try {
        return await loginWithAuthKey(session, { uid, authKey })
      } finally {
        resume()
      }
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (key.data?.authKey) login.mutate({ authKey: key.data.authKey, uid: uid.trim() })
  }
  return (
    <section className="card dev" aria-labelledby="dev-title" data-testid="dev-auth-key-panel">
      <h2 id="dev-title">Dev only: log in with Auth Key</h2>
      <p className="muted">
        The seed’s quick path. It takes this tab’s Calls session over (the app user stays signed
        in), is not in production builds, and refuses to run there.
      </p>
      <form onSubmit={submit} className="row">
        <label>
          CometChat uid
          <input value={uid} onChange={(e) => setUid(e.target.value)} required />
        </label>
        <button type="submit" disabled={!key.data?.authKey || login.isPending}>
          Log in with Auth Key
        </button>
      </form>
      {key.data && !key.data.authKey && <p>No Auth Key configured (set COMETCHAT_AUTH_KEY).</p>}
      {login.isSuccess && user?.uid === login.data.uid && (
        <p role="status">
          The Calls session is now <code>{login.data.uid}</code>, logged in with the Auth Key.
        </p>
      )}
      {login.isError &&
        (login.error instanceof UnknownUidError ? (
          <p className="error" role="alert" data-testid="auth-key-error">
            {login.error.message}
          </p>
        ) : (
          <ErrorMessage error={login.error} testId="auth-key-error" />
        ))}
    </section>
  )
}
