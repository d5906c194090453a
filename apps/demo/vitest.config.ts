import { defineProject } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'demo',
    environment: 'node',
    include: ['e2e/**/*.test.ts', 'server/**/*.test.ts', 'src/**/*.test.ts'],
    // Real Chromium and real builds: slower than unit tests, and one file at a time on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
