import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { defineProject } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.ts'

// The same tests on React 18: `react`/`react-dom` point at the `react18`/`react-dom18` npm aliases.
const require = createRequire(import.meta.url)
const react = dirname(require.resolve('react18/package.json'))
const reactDom = dirname(require.resolve('react-dom18/package.json'))
const alias = {
  react: react,
  'react/jsx-runtime': `${react}/jsx-runtime.js`,
  'react/jsx-dev-runtime': `${react}/jsx-dev-runtime.js`,
  'react-dom': reactDom,
  'react-dom/client': `${reactDom}/client.js`,
  'react-dom/server': `${reactDom}/server.node.js`,
  'react-dom/test-utils': `${reactDom}/test-utils.js`,
}

export default defineProject({
  ...sourceConditions,
  resolve: {
    ...sourceConditions.resolve,
    alias: Object.entries(alias).map(([find, replacement]) => ({
      find: new RegExp(`^${find}$`),
      replacement,
    })),
  },
  test: {
    name: 'react18',
    environment: 'jsdom',
    include: ['src/**/*.test.ts?(x)', 'test/**/*.test.ts?(x)'],
    env: { EXPECTED_REACT_MAJOR: '18' },
    // Libraries that import React must go through Vite's transform to see the alias.
    server: { deps: { inline: [/@testing-library\/react/, /zustand/, /@tanstack\/react-query/] } },
    setupFiles: ['./test/react18Resolution.ts', './test/setup.ts'],
  },
})
