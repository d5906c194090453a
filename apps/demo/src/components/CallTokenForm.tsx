import { useCallsSession } from '@callsession/react'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'

/** "Get a call token": the real Calls SDK asks CometChat for a token to join `sessionId`. */
export function CallTokenForm() {
  const { status, generateCallToken } = useCallsSession()
  const [sessionId, setSessionId] = useState('demo-room')
  const callToken = useMutation({ mutationFn: (id: string) => generateCallToken(id) })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    callToken.mutate(sessionId)
  }
  const signedIn = status === 'authenticated' || status === 'refreshing'
  return (
    <section className="card" aria-labelledby="call-title">
      <h2 id="call-title">Join a call</h2>
      <form onSubmit={submit} className="row">
        <label>
          Session id
          <input
            name="sessionId"
            value={sessionId}
            onChange={(e) => setSessionId(e.target.value)}
            required
            maxLength={200}
          />
        </label>
        <button type="submit" disabled={!signedIn || callToken.isPending}>
          Get a call token
        </button>
      </form>
      {callToken.isPending && <p role="status">Asking CometChat…</p>}
      {callToken.isSuccess && (
        <p role="status" data-testid="call-token">
          Call token for <code>{callToken.variables}</code>: {callToken.data.length} characters,
          starting <code>{callToken.data.slice(0, 8)}…</code>
        </p>
      )}
      {callToken.isError && (
        <p className="error" role="alert">
          {callToken.error.message}
        </p>
      )}
    </section>
  )
}
