import type { CallsSession } from '@callsession/core'
import { useState } from 'react'
import { isProductionBuild } from './buildMode.js'
import { styles } from './styles.js'

const describeFailure = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : error instanceof Error
      ? error.message
      : 'failed'

/** Force a refresh; in development, also make the session live through a CometChat refusal. */
export function SessionActions({
  session,
  signedIn,
}: {
  session: CallsSession
  signedIn: boolean
}) {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string>()
  const run = (label: string, action: () => Promise<void>) => async () => {
    setBusy(true)
    setNote(undefined)
    try {
      await action()
      setNote(`${label}: done`)
    } catch (error) {
      setNote(`${label}: ${describeFailure(error)}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div>
      <button
        type="button"
        style={styles.button}
        disabled={busy || !signedIn}
        onClick={run('refresh', () => session.refresh())}
      >
        Force refresh
      </button>
      {!isProductionBuild() && (
        <button
          type="button"
          style={styles.button}
          disabled={busy || !signedIn}
          title="Development only: runs what a refused token runs (one fresh token)"
          onClick={run('refusal', async () => {
            const { simulateTokenRejection } = await import('@callsession/core/dev')
            await simulateTokenRejection(session)
          })}
        >
          Simulate CometChat refusal
        </button>
      )}
      {note !== undefined && (
        <p role="status" style={{ ...styles.muted, margin: '6px 0 0' }}>
          {note}
        </p>
      )}
    </div>
  )
}
