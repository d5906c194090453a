import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'
import { codeSnippets } from './codeSnippets.js'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  plugins: [react(), codeSnippets(root)],
  // Workspace packages resolve to their TypeScript source: no build step for the demo.
  resolve: { conditions: ['@callsession/source', ...defaultClientConditions] },
  build: {
    sourcemap: false,
    // The Calls SDK (about 2.6 MB, its own chunk) loads on the first sign-in only, never up front.
    chunkSizeWarningLimit: 3_000,
  },
})
