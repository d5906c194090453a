import { mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

// `pnpm mutation` re-runs the covering tests once per mutant. Two changes make that affordable on
// 2 cores, and neither weakens a test:
// - type tests can't kill a runtime mutant, so they are left out here (the test command runs them);
// - the test files share one module graph (`isolate: false`): the suite passes that way too, and
//   each mutant run no longer re-imports the emulator, msw and jsdom per file (53 s → 16 s).
export default mergeConfig(base, { test: { typecheck: { enabled: false }, isolate: false } })
