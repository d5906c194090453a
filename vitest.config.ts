import { existsSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import projects from './vitest.workspace'

export default defineConfig({
  test: {
    // A project listed before its package exists is skipped rather than failing the run.
    projects: projects.filter((path) => existsSync(new URL(path, import.meta.url))),
  },
})
