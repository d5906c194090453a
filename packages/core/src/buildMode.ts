/**
 * Whether this code runs in a production build. Bundlers replace these expressions literally:
 * Vite `import.meta.env.PROD`; webpack's DefinePlugin, esbuild `define`, Rollup replace and Next.js
 * `process.env.NODE_ENV`. The literal must stay as written for them to find it, and it is read
 * inside `try` because a browser bundle that was not given a define has no `process` at all
 * (`typeof process` alone would miss a define that replaced only the member expression).
 */
export function isProductionBuild(): boolean {
  // Stryker disable next-line ConditionalExpression,OptionalChaining,BooleanLiteral: vitest gives each module its own import.meta.env that no test can set; devGuard.test.ts's Vite bundle (process.env left unreplaced) refuses through this line
  if ((import.meta as { env?: { PROD?: boolean } }).env?.PROD === true) return true
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}
