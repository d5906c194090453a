import Module, { createRequire } from 'node:module'
import { dirname } from 'node:path'

/**
 * pnpm resolved `react-dom18`'s `react` peer to React 19 (the package's own `react`), so its CommonJS
 * `require('react')` would load the wrong React. Vite's alias only covers transformed modules; this
 * sends the `require` calls of externalized CommonJS (react-dom's internals) to React 18 as well.
 */
const require = createRequire(import.meta.url)
const roots: Record<string, string> = {
  react: dirname(require.resolve('react18/package.json')),
  'react-dom': dirname(require.resolve('react-dom18/package.json')),
}
type Resolve = (request: string, ...rest: unknown[]) => string
const internal = Module as unknown as { _resolveFilename: Resolve }
const original = internal._resolveFilename
internal._resolveFilename = (request, ...rest) => {
  const [name = '', ...sub] = request.split('/')
  const root = roots[name]
  return original(root ? [root, ...sub].join('/') : request, ...rest)
}
