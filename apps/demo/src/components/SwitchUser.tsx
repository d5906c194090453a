import type { AppUser } from '../api.js'
import { useAppUsers, useSignIn } from '../appQueries.js'
import { ErrorMessage } from '../messages/ErrorMessage.js'

/** Signs the app in as someone else: the provider's `uid` changes and the session switches. */
export function SwitchUser({ me }: { me: AppUser }) {
  const users = useAppUsers()
  const signIn = useSignIn()
  return (
    <section className="card" aria-labelledby="switch-title">
      <h2 id="switch-title">Switch user</h2>
      <label>
        App user
        <select
          name="switch-user"
          value={me.id}
          disabled={signIn.isPending}
          onChange={(e) => signIn.mutate({ id: e.target.value })}
        >
          {users.data?.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.id})
            </option>
          ))}
        </select>
      </label>
      {signIn.isError && <ErrorMessage error={signIn.error} />}
    </section>
  )
}
