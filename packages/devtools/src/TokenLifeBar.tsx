import type { CSSProperties } from 'react'
import { formatClock, formatFrom } from './formatTime.js'
import { styles } from './styles.js'
import { barPosition, type TokenLife } from './tokenLife.js'

function Marker({
  at,
  label,
  color,
  name,
}: {
  at: number | undefined
  label: string
  color: string
  name: string
}) {
  if (at === undefined) return null
  const left: CSSProperties['left'] = `${at.toFixed(2)}%`
  return (
    <span
      data-marker={name}
      data-position={at.toFixed(2)}
      style={{ ...styles.marker, left, background: color }}
    >
      <span style={{ ...styles.markerLabel, color }}>{label}</span>
    </span>
  )
}

/** The current token from received to expiry, with the refresh due and now marked on it. */
export function TokenLifeBar({ life, now }: { life: TokenLife; now: number }) {
  const { receivedAt, dueAt, expiresAt, retrying } = life
  if (expiresAt === undefined) {
    return (
      <p style={styles.muted}>No token lifetime known (signed out, or the server sent none).</p>
    )
  }
  const due = barPosition(life, dueAt)
  return (
    <div data-testid="devtools-token-life">
      {receivedAt !== undefined && (
        <div style={styles.bar} role="img" aria-label="Token lifetime">
          <Marker name="due" at={due} label={retrying ? 'retry' : 'refresh'} color="#f8fafc" />
          <Marker name="now" at={barPosition(life, now)} label="now" color="#38bdf8" />
        </div>
      )}
      <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 8 }}>
        <dt style={styles.muted}>received</dt>
        <dd style={{ margin: 0 }} data-testid="devtools-received">
          {receivedAt === undefined
            ? 'unknown (restored by the SDK)'
            : `${formatClock(receivedAt)} (${formatFrom(receivedAt, now)})`}
        </dd>
        <dt style={styles.muted}>{retrying ? 'retry' : 'refresh due'}</dt>
        <dd style={{ margin: 0 }} data-testid="devtools-due">
          {dueAt === undefined
            ? 'not scheduled'
            : `${formatClock(dueAt)} (${formatFrom(dueAt, now)})`}
        </dd>
        <dt style={styles.muted}>expires</dt>
        <dd style={{ margin: 0 }} data-testid="devtools-expires">
          {`${formatClock(expiresAt)} (${formatFrom(expiresAt, now)})`}
        </dd>
      </dl>
    </div>
  )
}
