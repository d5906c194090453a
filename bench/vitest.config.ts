import { defineProject } from 'vitest/config'
import { sourceConditions } from '../vitest.shared.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'bench',
    environment: 'node',
    include: ['src/**/*.test.ts?(x)', 'test/**/*.test.ts?(x)'],
  },
})
