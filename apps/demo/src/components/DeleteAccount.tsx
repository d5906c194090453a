import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { api } from '../api.js'
import { announceAppSessionChange } from '../appSession/appSessionChannel.js'
import { ErrorMessage } from '../messages/ErrorMessage.js'

/** Deletes the account: soft (CometChat deactivates, restorable) or permanent. */
export function DeleteAccount() {
  const client = useQueryClient()
  const [permanent, setPermanent] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const remove = useMutation({
    mutationFn: () => api(`/account?permanent=${permanent}`, { method: 'DELETE' }),
    onSuccess: () => {
      client.setQueryData(['me'], null)
      void client.invalidateQueries({ queryKey: ['users'] })
      announceAppSessionChange('account-deleted')
    },
  })
  return (
    <section className="card danger" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <fieldset>
        <legend>How</legend>
        <label>
          <input
            type="radio"
            name="how"
            checked={!permanent}
            onChange={() => setPermanent(false)}
          />{' '}
          Soft: CometChat deactivates the user (restorable)
        </label>
        <label>
          <input type="radio" name="how" checked={permanent} onChange={() => setPermanent(true)} />{' '}
          Permanent: the user and all their data are gone
        </label>
      </fieldset>
      {confirming ? (
        <div className="row">
          <button
            type="button"
            className="danger"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
          >
            Yes, delete my account
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Delete account…
        </button>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
    </section>
  )
}
