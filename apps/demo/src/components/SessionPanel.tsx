import { type CallsSessionState, useCallsSession } from '@callsession/react'
import { useIsFetching } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { type AppUser, api } from '../api.js'
import { ErrorMessage } from '../messages/ErrorMessage.js'
import { type ExpiryReport, expiryReport } from '../messages/expiryReport.js'
import { TokenLife } from './TokenLife.js'

const STATUS_TEXT: Record<CallsSessionState['status'], string> = {
  'signed-out': 'Not signed in to CometChat',
  authenticating: 'Signing in to CometChat…',
  authenticated: 'Signed in to CometChat Calls',
  refreshing: 'Signed in, refreshing the token…',
  error: 'Stopped',
}

/** The Calls session at a glance: status, user, token life, and the controls that act on it. */
export function SessionPanel({ me, ttlSeconds }: { me: AppUser; ttlSeconds: number }) {
  // #region snippet:hook
  const { status, user, error, expiresAt, refresh, generateCallToken, session } = useCallsSession()
  // #endregion
  const checkingWhoIsSignedIn = useIsFetching({ queryKey: ['me'] }) > 0
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<ExpiryReport & { uid: string | undefined }>()
  const signedIn = status === 'authenticated' || status === 'refreshing'
  const takenOver = signedIn && user && user.uid !== me.id
  // Who the session was last signed in as: tells an Auth-Key takeover's end from a tab switch.
  const lastUid = useRef<string>(undefined)
  if (user) lastUid.current = user.uid
  const takeoverEnded =
    status === 'error' && error?.code === 'UID_MISMATCH' && lastUid.current !== me.id
  const following = status === 'error' && error?.code === 'UID_MISMATCH' && checkingWhoIsSignedIn

  /** Expires the token at CometChat (emulator), then uses it: core refreshes on its own. */
  async function expireNow() {
    setBusy(true)
    setReport(undefined)
    const before = session.getState()
    const seen: CallsSessionState[] = []
    const stop = session.subscribe((state) => seen.push(state))
    const started = performance.now()
    let failure: unknown
    try {
      await api('/dev/expire-token', { method: 'POST' })
      await generateCallToken('token-probe')
    } catch (caught) {
      failure = caught ?? new Error('failed')
    } finally {
      stop()
      setBusy(false)
    }
    const told = expiryReport({ before, seen, failure, tookMs: performance.now() - started })
    setReport({ ...told, uid: 'user' in before ? before.user.uid : undefined })
  }

  return (
    <section className="hero" aria-labelledby="session-title">
      <div className="hero-main">
        <p className="eyebrow">CometChat Calls session</p>
        <h2 id="session-title" className="hero-title">
          {STATUS_TEXT[status]}
        </h2>
        <p>
          Status{' '}
          <strong className={`pill status-${status}`} data-testid="status" aria-live="polite">
            {status}
          </strong>
        </p>
        {user && (
          <p className="calls-user">
            As{' '}
            <span data-testid="calls-user">
              <strong>{user.name ?? user.uid}</strong> <code>{user.uid}</code>
            </span>
          </p>
        )}
        {takenOver && (
          <div className="notice warn" role="status" data-testid="takeover">
            <p>
              This tab’s Calls session is <code>{user.uid}</code>, taken over from the dev Auth-Key
              panel; the app user is still <strong>{me.name}</strong>. The token endpoint only
              issues tokens for the app user, so a refresh would stop this session.
            </p>
            <button type="button" onClick={() => session.syncUser(me.id).catch(() => {})}>
              Back to {me.name}
            </button>
          </div>
        )}
        {following && (
          <p className="notice" role="status" data-testid="following">
            The app user changed in another tab: asking the server who is signed in, then following…
          </p>
        )}
        {takeoverEnded ? (
          <div className="error-box" role="alert" data-testid="session-error">
            <p className="error-what">
              The token endpoint issues tokens for your app user ({me.name}) only, not for{' '}
              <code>{lastUid.current}</code> whom the dev Auth-Key panel signed in: the refresh
              ended that session.
            </p>
            <p className="error-todo">
              Go back to your app user, or log in with the Auth Key again.
            </p>
            <p className="error-code">
              <code>UID_MISMATCH</code>
            </p>
          </div>
        ) : (
          error && !following && <ErrorMessage error={error} testId="session-error" />
        )}
        {status === 'error' && !following && (
          <button type="button" onClick={() => session.login({ uid: me.id }).catch(() => {})}>
            Sign in to CometChat again as {me.name}
          </button>
        )}
      </div>
      <div className="hero-side">
        <TokenLife expiresAt={expiresAt} ttlSeconds={ttlSeconds} />
        <div className="row">
          <button
            type="button"
            // #region snippet:refresh
            // A new token now, without leaving authenticated/refreshing (other tabs take it too).
            // Core also does this by itself 60 s before expiry, and when CometChat refuses a token.
            onClick={() => refresh().catch(() => {})}
            // #endregion
            disabled={status !== 'authenticated'}
          >
            Refresh token now
          </button>
          {import.meta.env.DEV && (
            <button
              type="button"
              className="secondary"
              onClick={expireNow}
              disabled={busy || status !== 'authenticated'}
              title="Makes CometChat (the emulator) refuse the current token, then asks for a call token"
            >
              Expire token now
            </button>
          )}
        </div>
        {/* A report is about the user it was made for. */}
        {report && report.uid === lastUid.current && (
          <div className={`notice ${report.tone}`} role="status" data-testid="expiry-report">
            <p>{report.text}</p>
            <p className="muted">
              Seen: <code>{report.path}</code>
            </p>
          </div>
        )}
      </div>
    </section>
  )
}
