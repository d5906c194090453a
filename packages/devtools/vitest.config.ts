import { defineProject } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'devtools',
    environment: 'jsdom',
    include: ['src/**/*.test.ts?(x)', 'e2e/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts?(x)'], tsconfig: './tsconfig.json' },
  },
})
