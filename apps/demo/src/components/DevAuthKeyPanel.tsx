import { loginWithAuthKey } from '@callsession/core/dev'
import { useCallsSession } from '@callsession/react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api } from '../api.js'

/**
 * Development only (loaded under `import.meta.env.DEV`): the seed's Auth-Key login, with the
 * emulator's Auth Key fetched from the dev server at run time (never built into the bundle).
 */
export function DevAuthKeyPanel() {
  const { session } = useCallsSession()
  const [uid, setUid] = useState('cometchat-uid-1')
  const key = useQuery({
    queryKey: ['dev', 'auth-key'],
    queryFn: () => api<{ authKey: string | null }>('/dev/auth-key'),
    staleTime: Infinity,
  })
  const login = useMutation({
    mutationFn: (authKey: string) => loginWithAuthKey(session, { uid, authKey }),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (key.data?.authKey) login.mutate(key.data.authKey)
  }
  return (
    <section className="card dev" aria-labelledby="dev-title" data-testid="dev-auth-key-panel">
      <h2 id="dev-title">Dev only: log in with Auth Key</h2>
      <p>
        The seed's quick path, for development. It is not in production builds, and it refuses to
        run there.
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
      {login.isSuccess && <p role="status">Logged in as {login.data.uid} with the Auth Key.</p>}
      {login.isError && (
        <p className="error" role="alert">
          {login.error.message}
        </p>
      )}
    </section>
  )
}
