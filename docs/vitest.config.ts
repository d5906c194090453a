import { defineProject } from 'vitest/config'
import { sourceConditions } from '../vitest.shared.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'docs',
    environment: 'node',
    include: ['*.test.ts', 'examples/**/*.test.tsx'],
    testTimeout: 20_000,
  },
})
