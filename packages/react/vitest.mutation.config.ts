import { mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

// `pnpm mutation` re-runs the covering tests once per mutant: type tests can't kill a runtime
// mutant, so they are left out here (the test command runs them). Unlike core, the files keep
// their own module graphs: React and Testing Library state must not leak between them.
export default mergeConfig(base, { test: { typecheck: { enabled: false } } })
