// End-to-end tests drive Debian's Chromium through playwright-core (Playwright cannot download
// its own browsers here). Install it when missing and we may (root + apt-get); otherwise say how.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) {
  console.log(`chromium: ${path}`)
  process.exit(0)
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = existsSync('/usr/bin/apt-get')
if (isRoot && hasApt) {
  console.log('chromium: not found, installing Debian package "chromium"…')
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  })
  process.exit(existsSync(path) ? 0 : 1)
}
console.error(
  `chromium: not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
    'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
)
process.exit(1)
