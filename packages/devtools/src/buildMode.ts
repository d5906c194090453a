/**
 * Whether this runs in a production build, read the way bundlers replace it (Vite
 * `import.meta.env.PROD`, `process.env.NODE_ENV` elsewhere). Inside `try`: a page bundled without
 * a define has no `process` at all.
 */
export function isProductionBuild(): boolean {
  if ((import.meta as { env?: { PROD?: boolean } }).env?.PROD === true) return true
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}
