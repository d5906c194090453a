// `pnpm demo` / `pnpm start:dev` (Vite dev server and the dev-only routes: passes --dev) or
// `pnpm start` (the built app). Production is the default: a copied demo is safe unless asked.
import { parseArgs } from 'node:util'
import { createDemoServer } from './createDemoServer.js'

const { values } = parseArgs({
  options: { dev: { type: 'boolean' }, production: { type: 'boolean' } },
  strict: true,
})
const env = process.env
const mode = values.dev && !values.production ? 'development' : 'production'
const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const allowedHosts = list(env.DEMO_ALLOWED_HOSTS)
const admins = list(env.DEMO_ADMINS)
const demo = await createDemoServer({
  mode,
  port: Number(env.PORT ?? 5173),
  host: env.HOST ?? 'localhost',
  // Only behind a TLS proxy that overwrites X-Forwarded-Proto: DEMO_TRUST_PROXY=1.
  trustProxy: env.DEMO_TRUST_PROXY === '1' || env.DEMO_TRUST_PROXY === 'true',
  ...(allowedHosts ? { allowedHosts } : {}),
  ...(admins ? { admins } : {}),
})
console.log(`\n  callsession demo (${mode}) is running at ${demo.url}\n`)
const stop = async () => {
  await demo.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
