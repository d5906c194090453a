// The one test command: every step a change must pass, in the order that fails fastest.
// Run it as `pnpm test`; CI runs exactly this.
import { spawnSync } from 'node:child_process'

const steps = [
  ['type-check', 'pnpm', ['typecheck']],
  ['lint + format', 'pnpm', ['lint']],
  ['build packages', 'pnpm', ['build']],
  ['publint --strict', 'pnpm', ['publint']],
  ['browser for end-to-end tests', 'node', ['scripts/ensure-chromium.mjs']],
  ['tests (vitest.workspace.ts)', 'pnpm', ['test:unit']],
  ['size budgets', 'pnpm', ['size']],
]

for (const [name, command, args] of steps) {
  const started = Date.now()
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`)
  const { status } = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${status}) after ${seconds}s`)
    process.exit(status ?? 1)
  }
  console.log(`✔ ${name} (${seconds}s)`)
}
