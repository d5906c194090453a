import { type FormEvent, useState } from 'react'
import { useAppUsers, useSignIn } from '../appQueries.js'
import { ErrorMessage } from '../messages/ErrorMessage.js'

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
    <div className="welcome">
      <header className="page-head">
        <p className="eyebrow">callsession</p>
        <h2 className="hero-title">Sign your users into CometChat Calls, and watch it happen</h2>
        <p className="muted lead">
          This demo is a small app with its own sign-in. Once you are signed in to the app, its
          server hands your browser a CometChat auth token for you only, and the session keeps it
          fresh, across tabs, until you sign out.
        </p>
      </header>
      <ol className="how">
        <li>
          <strong>Your app signs you in</strong>
          <span>an ordinary cookie session; CometChat is not involved yet</span>
        </li>
        <li>
          <strong>Your server issues a token</strong>
          <span>its token endpoint provisions the user and asks CometChat, with the API key</span>
        </li>
        <li>
          <strong>The browser signs in to Calls</strong>
          <span>and refreshes before expiry; every step shows up in the timeline</span>
        </li>
      </ol>
      <section className="card sign-in" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in to the app</h2>
        {users.isPending && <p role="status">Loading users…</p>}
        <ul className="users">
          {users.data?.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                className="user-choice"
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
          <button type="submit" className="secondary" disabled={signIn.isPending}>
            Create and sign in
          </button>
        </form>
        {signIn.isError && <ErrorMessage error={signIn.error} />}
      </section>
    </div>
  )
}
