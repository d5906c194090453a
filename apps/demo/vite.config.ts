import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  // Workspace packages resolve to their TypeScript source: no build step for the demo.
  resolve: { conditions: ['@callsession/source', ...defaultClientConditions] },
  build: { sourcemap: false },
})
