import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { type AppUser, api } from '../api.js'

/** Edits the app user's profile; the backend mirrors it into CometChat. */
export function ProfileForm({ me }: { me: AppUser }) {
  const client = useQueryClient()
  const [name, setName] = useState(me.name)
  const [avatar, setAvatar] = useState(me.avatar ?? '')
  const save = useMutation({
    mutationFn: () => api<AppUser>('/profile', { method: 'PUT', body: { name, avatar } }),
    onSuccess: (user) => {
      client.setQueryData(['me'], user)
      void client.invalidateQueries({ queryKey: ['users'] })
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
      {save.isError && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
    </section>
  )
}
