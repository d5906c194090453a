import { useCallsSession } from '@callsession/react'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { ErrorMessage } from '../messages/ErrorMessage.js'
import { CodeSnippet } from '../timeline/CodeSnippet.js'
import { callTokenClaims } from './callTokenClaims.js'
import { joinCall } from './joinCall.js'

/**
 * "Join a call": a call token from CometChat for a session id, and with real CometChat the SDK's
 * own call UI. With the emulator it says why no media can start and what the token is for.
 */
export function CallPanel({ emulator }: { emulator: boolean }) {
  const { status, user, generateCallToken } = useCallsSession()
  const [sessionId, setSessionId] = useState('demo-room')
  const stage = useRef<HTMLDivElement>(null)
  const leave = useRef<() => void>(undefined)
  const [inCall, setInCall] = useState(false)
  // #region snippet:call-token
  // A short-lived ticket for this user to join `sessionId` (the SDK's generateToken).
  const callToken = useMutation({ mutationFn: (id: string) => generateCallToken(id) })
  // #endregion
  const join = useMutation({
    mutationFn: async (token: string) => {
      if (!stage.current) throw new Error('no element to show the call in')
      const ended = () => {
        leave.current = undefined
        setInCall(false)
      }
      leave.current = await joinCall(token, stage.current, { onEnd: ended, onError: ended })
      setInCall(true)
    },
  })
  // Leaving the page leaves the call.
  useEffect(() => () => leave.current?.(), [])
  const issuedTo = useRef<string>(undefined)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    issuedTo.current = user?.uid
    callToken.mutate(sessionId)
  }
  const signedIn = status === 'authenticated' || status === 'refreshing'
  // A call token belongs to the user it was issued to: after a switch it is not shown any more.
  const issued = callToken.isSuccess && issuedTo.current === user?.uid ? callToken.data : undefined
  const claims = issued ? callTokenClaims(issued) : undefined
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
      {issued && (
        <div role="status" data-testid="call-token" className="call-token">
          <p>
            Call token for <code>{callToken.variables}</code>: {issued.length} characters, starting{' '}
            <code>{issued.slice(0, 8)}…</code>
          </p>
          <p className="muted">
            It is this user’s ticket into this one call only: the SDK hands it to CometChat’s media
            servers when it starts the call UI (
            <code>startSession(callToken, settings, element)</code>
            ). It is useless for another session id, and it never replaces the auth token.
          </p>
          {claims && (
            <dl className="facts small">
              {Object.entries(claims).map(([key, value]) => (
                <div key={key} className="fact">
                  <dt>{key}</dt>
                  <dd>
                    <code>{String(value)}</code>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      )}
      {callToken.isError && <ErrorMessage error={callToken.error} />}
      {emulator ? (
        <p className="muted" data-testid="offline-media">
          No call can start here: the emulator stands in for CometChat’s token and REST APIs only,
          while a call’s audio and video flow through CometChat’s media servers, which only exist
          online.
        </p>
      ) : (
        <div className="row">
          <button
            type="button"
            disabled={!issued || join.isPending || inCall}
            onClick={() => issued && join.mutate(issued)}
          >
            Join the call
          </button>
          {inCall && (
            <button type="button" className="secondary" onClick={() => leave.current?.()}>
              Leave
            </button>
          )}
        </div>
      )}
      {join.isError && <ErrorMessage error={join.error} />}
      <div ref={stage} className={inCall ? 'call-stage live' : 'call-stage'} />
      <CodeSnippet name="callToken" />
      <CodeSnippet name="joinCall" />
    </section>
  )
}
