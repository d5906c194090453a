import { defaultClientConditions, defaultServerConditions } from 'vite'

/**
 * Resolve workspace packages to their TypeScript source (the `@callsession/source` export
 * condition), so tests, type-checks and the demo run without a build step.
 */
export const sourceConditions = {
  resolve: { conditions: ['@callsession/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@callsession/source', ...defaultServerConditions] } },
}
