import { useCallsSession } from '@callsession/react'
import { useEffect, useState } from 'react'
import { api } from '../api.js'

/** Seconds until `expiresAt`, ticking. */
function useSecondsLeft(expiresAt: number | undefined) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (expiresAt === undefined) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [expiresAt])
  return expiresAt === undefined ? undefined : Math.max(0, Math.round((expiresAt - now) / 1000))
}

/** The call session's live status, who is logged in and the token's remaining lifetime. */
export function SessionPanel() {
  const { status, user, error, expiresAt, refresh, generateCallToken } = useCallsSession()
  const secondsLeft = useSecondsLeft(expiresAt)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string>()

  /** Expires the token at CometChat (emulator), then uses it: core refreshes on its own. */
  async function expireNow() {
    setBusy(true)
    setNote(undefined)
    try {
      await api('/dev/expire-token', { method: 'POST' })
      await generateCallToken('token-probe')
      setNote('CometChat refused the old token; a new one was fetched and the call token issued.')
    } catch (e) {
      setNote(e instanceof Error ? e.message : 'failed')
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="session-title">
      <h2 id="session-title">CometChat Calls session</h2>
      <p>
        Status:{' '}
        <strong className={`status status-${status}`} data-testid="status" aria-live="polite">
          {status}
        </strong>
      </p>
      {user && (
        <dl className="facts">
          <dt>Logged in as</dt>
          <dd data-testid="calls-user">
            {user.name ?? user.uid} <code>{user.uid}</code>
          </dd>
          <dt>Token lifetime left</dt>
          <dd data-testid="token-left" data-expires-at={expiresAt}>
            {secondsLeft === undefined ? 'unknown' : `${secondsLeft} s`}
          </dd>
        </dl>
      )}
      {error && (
        <p className="error" role="alert" data-testid="session-error">
          {error.code}: {error.message}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          onClick={() => refresh().catch(() => {})}
          disabled={status !== 'authenticated'}
        >
          Refresh token now
        </button>
        {import.meta.env.DEV && (
          <button type="button" onClick={expireNow} disabled={busy || status !== 'authenticated'}>
            Expire token now
          </button>
        )}
      </div>
      {note && <p role="status">{note}</p>}
    </section>
  )
}
