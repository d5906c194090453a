import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'devtools',
    // So that `vitest run --config packages/devtools/vitest.config.ts` from the repo root finds the tests too.
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'jsdom',
    include: ['src/**/*.test.ts?(x)', 'e2e/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts?(x)'], tsconfig: './tsconfig.json' },
  },
})
