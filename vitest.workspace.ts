/**
 * The test projects. `vitest.config.ts` loads this list (Vitest 4 no longer finds this file by
 * itself), so adding a project here is all it takes for `pnpm test` to run it.
 */
export default [
  'packages/core/vitest.config.ts',
  'packages/react/vitest.config.ts',
  'packages/react/vitest.react18.config.ts',
  'packages/devtools/vitest.config.ts',
  'packages/emulator/vitest.config.ts',
  'packages/server/vitest.config.ts',
  'packages/testing/vitest.config.ts',
  'apps/demo/vitest.config.ts',
  'bench/vitest.config.ts',
  'reliability/vitest.config.ts',
  'docs/vitest.config.ts',
] as const
