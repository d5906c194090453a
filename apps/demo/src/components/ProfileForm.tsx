import { useCallsSession } from '@callsession/react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { type AppUser, api } from '../api.js'
import { announceAppSessionChange } from '../appSession/appSessionChannel.js'
import { ErrorMessage } from '../messages/ErrorMessage.js'

/** Edits the app user's profile; the backend mirrors it into CometChat, the session shows it. */
export function ProfileForm({ me }: { me: AppUser }) {
  const client = useQueryClient()
  const { refresh, status } = useCallsSession()
  const [name, setName] = useState(me.name)
  const [avatar, setAvatar] = useState(me.avatar ?? '')
  const save = useMutation({
    mutationFn: () => api<AppUser>('/profile', { method: 'PUT', body: { name, avatar } }),
    onSuccess: async (user) => {
      client.setQueryData(['me'], user)
      void client.invalidateQueries({ queryKey: ['users'] })
      announceAppSessionChange('profile-saved')
      // The session's user comes with its token: a fresh one carries the new name right away.
      if (status === 'authenticated') await refresh().catch(() => {})
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <form onSubmit={submit} className="stack">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <label>
          Avatar URL
          <input type="url" value={avatar} onChange={(e) => setAvatar(e.target.value)} />
        </label>
        <button type="submit" disabled={save.isPending}>
          Save (synced to CometChat)
        </button>
      </form>
      {save.isSuccess && <p role="status">Saved.</p>}
      {save.isError && <ErrorMessage error={save.error} />}
    </section>
  )
}
