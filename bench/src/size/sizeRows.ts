import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

/** One row of the size table: an entry file that imports what an app would import. */
export interface SizeRow {
  /** `stack`: everything we add to a page; `anchor`: a library users would pick instead. */
  kind: 'ours' | 'stack' | 'anchor'
  label: string
  entry: string
  external: string[]
  /** The package the row needs installed (anchors are optional: see README). */
  requires: string
  note: string
}

const entry = (name: string) => fileURLToPath(new URL(`./entries/${name}.ts`, import.meta.url))

// Same for every row: React and the Calls SDK are the app's own, never counted.
const page = ['react', 'react/*', 'react-dom', 'react-dom/*', '@cometchat/calls-sdk-javascript']

/** The rows, ours first, then the libraries users would pick instead. */
export const sizeRows: SizeRow[] = [
  {
    kind: 'ours',
    label: '@callsession/core (own code)',
    entry: entry('callsessionCore'),
    external: [...page, 'zustand', 'zustand/*', '@tanstack/query-core'],
    requires: '@callsession/core',
    note: 'target 3 kB gz (not met), test ceiling 8 kB; zustand and query-core external',
  },
  {
    kind: 'ours',
    label: '@callsession/react (own code)',
    entry: entry('callsessionReact'),
    external: [...page, '@callsession/core', '@tanstack/react-query', 'zustand', 'zustand/*'],
    requires: '@callsession/react',
    note: 'budget 2 kB gz; core, react-query, zustand external',
  },
  {
    kind: 'stack',
    label: 'core + react + zustand + query-core',
    entry: entry('callsessionStack'),
    external: page,
    requires: '@callsession/react',
    note: 'what our stack adds to a page (provider + hook), SDK excluded',
  },
  {
    kind: 'anchor',
    label: '@auth0/auth0-react + auth0-spa-js',
    entry: entry('auth0React'),
    external: page,
    requires: '@auth0/auth0-react',
    note: 'Auth0Provider + useAuth0',
  },
  {
    kind: 'anchor',
    label: 'next-auth/react',
    entry: entry('nextAuthReact'),
    external: page,
    requires: 'next-auth/react',
    note: 'SessionProvider + useSession',
  },
  {
    kind: 'anchor',
    label: '@supabase/auth-js',
    entry: entry('supabaseAuthJs'),
    external: page,
    requires: '@supabase/auth-js',
    note: 'GoTrueClient',
  },
]

const require = createRequire(import.meta.url)

/** Whether the package a row measures is installed (the bench's dev dependencies). */
export function isInstalled(specifier: string): boolean {
  try {
    require.resolve(specifier)
    return true
  } catch {
    return false
  }
}
