/**
 * Whether this code runs in a production build. Bundlers replace these expressions literally:
 * Vite `import.meta.env.PROD`; webpack's DefinePlugin, esbuild `define`, Rollup replace and Next.js
 * `process.env.NODE_ENV`. The literal must stay as written for them to find it, and it is read
 * inside `try` because a browser bundle that was not given a define has no `process` at all
 * (`typeof process` alone would miss a define that replaced only the member expression).
 */
export function isProductionBuild(): boolean {
  if ((import.meta as { env?: { PROD?: boolean } }).env?.PROD === true) return true
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}
