import { type FormEvent, useState } from 'react'
import { useAppUsers, useSignIn } from '../appQueries.js'

/** The demo app's own sign-in: pick a user or create one. CometChat follows on its own. */
export function SignIn() {
  const users = useAppUsers()
  const signIn = useSignIn()
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const create = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate({ id, name })
  }
  return (
    <section className="card" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in to the app</h2>
      <p>
        Pick a user of this demo app. The app server then provisions them in CometChat and hands the
        browser an auth token for them only.
      </p>
      {users.isPending && <p role="status">Loading users…</p>}
      <ul className="users">
        {users.data?.map((user) => (
          <li key={user.id}>
            <button
              type="button"
              onClick={() => signIn.mutate({ id: user.id })}
              disabled={signIn.isPending}
            >
              Sign in as {user.name} <small>({user.id})</small>
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="row">
        <label>
          New user id
          <input
            name="uid"
            value={id}
            onChange={(e) => setId(e.target.value)}
            required
            pattern="[a-zA-Z0-9_\-]{1,100}"
            title="Letters, digits, _ and -; at most 100"
          />
        </label>
        <label>
          Name
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
          />
        </label>
        <button type="submit" disabled={signIn.isPending}>
          Create and sign in
        </button>
      </form>
      {signIn.isError && (
        <p className="error" role="alert">
          {signIn.error.message}
        </p>
      )}
    </section>
  )
}
