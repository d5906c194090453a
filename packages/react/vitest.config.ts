import { defineProject } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'react',
    environment: 'jsdom',
    include: ['src/**/*.test.ts?(x)', 'test/**/*.test.ts?(x)'],
    env: { EXPECTED_REACT_MAJOR: '19' },
    setupFiles: ['./test/setup.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts?(x)'], tsconfig: './tsconfig.json' },
  },
})
