import { defineProject } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'testing',
    // jsdom: a real Web Storage (localStorage) and `window`, as in the browser the SDK runs in.
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'example/**/*.test.tsx'],
    restoreMocks: true,
    testTimeout: 20_000,
  },
})
