import { defineConfig } from 'vitest/config'
import projects from './vitest.workspace.ts'

// Vitest 4 no longer picks up vitest.workspace.ts on its own: the test projects it lists are
// wired in here, and `pnpm test:unit` runs exactly them.
export default defineConfig({ test: { projects } })
