import type { CSSProperties } from 'react'

/** Where the toggle button and the panel sit. */
export type DevtoolsPosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'

const font = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'

/** The corner of the viewport `position` names, `gap` px in. */
export function corner(position: DevtoolsPosition, gap: number): CSSProperties {
  const [vertical, horizontal] = position.split('-') as ['top' | 'bottom', 'left' | 'right']
  return { position: 'fixed', [vertical]: gap, [horizontal]: gap, zIndex: 99999 }
}

export const styles = {
  toggle: {
    font: `600 12px ${font}`,
    padding: '6px 10px',
    borderRadius: 6,
    border: '1px solid #334155',
    background: '#0f172a',
    color: '#e2e8f0',
    cursor: 'pointer',
    boxShadow: '0 2px 8px rgba(0,0,0,.3)',
  },
  panel: {
    width: 440,
    maxWidth: 'calc(100vw - 24px)',
    maxHeight: '70vh',
    overflow: 'auto',
    font: `12px/1.45 ${font}`,
    color: '#e2e8f0',
    background: '#0f172a',
    border: '1px solid #334155',
    borderRadius: 8,
    boxShadow: '0 8px 24px rgba(0,0,0,.4)',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: '8px 10px',
    borderBottom: '1px solid #334155',
  },
  section: { padding: '8px 10px', borderBottom: '1px solid #1e293b' },
  heading: {
    margin: '0 0 6px',
    font: `600 11px ${font}`,
    textTransform: 'uppercase',
    letterSpacing: '.05em',
    color: '#94a3b8',
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: { display: 'flex', gap: 8, padding: '2px 0', borderTop: '1px solid #1e293b' },
  muted: { color: '#94a3b8' },
  button: {
    font: `12px ${font}`,
    padding: '4px 8px',
    marginRight: 6,
    borderRadius: 4,
    border: '1px solid #475569',
    background: '#1e293b',
    color: '#e2e8f0',
    cursor: 'pointer',
  },
  bar: {
    position: 'relative',
    height: 10,
    margin: '18px 0 22px',
    borderRadius: 5,
    background: 'linear-gradient(90deg, #22c55e, #eab308 75%, #ef4444)',
  },
  marker: {
    position: 'absolute',
    top: -4,
    width: 2,
    height: 18,
    transform: 'translateX(-1px)',
  },
  markerLabel: {
    position: 'absolute',
    top: 18,
    transform: 'translateX(-50%)',
    whiteSpace: 'nowrap',
    fontSize: 10,
  },
} satisfies Record<string, CSSProperties>

/** The color of a status name. */
export const statusColor: Record<string, string> = {
  'signed-out': '#94a3b8',
  authenticating: '#38bdf8',
  authenticated: '#22c55e',
  refreshing: '#eab308',
  error: '#ef4444',
}
