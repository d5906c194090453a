import { useEffect, useState } from 'react'

/** The token's remaining life as a bar and seconds, ticking. */
export function TokenLife({
  expiresAt,
  ttlSeconds,
}: {
  expiresAt: number | undefined
  ttlSeconds: number
}) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (expiresAt === undefined) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [expiresAt])
  const left =
    expiresAt === undefined ? undefined : Math.max(0, Math.round((expiresAt - now) / 1000))
  return (
    <div className="token-life">
      <div className="token-life-head">
        <span className="muted">Token lifetime left</span>
        <strong data-testid="token-left" data-expires-at={expiresAt}>
          {left === undefined ? 'unknown' : `${left} s`}
        </strong>
      </div>
      {left !== undefined && (
        <div className="meter" aria-hidden="true">
          <div style={{ width: `${Math.min(100, (left / Math.max(1, ttlSeconds)) * 100)}%` }} />
        </div>
      )}
    </div>
  )
}
