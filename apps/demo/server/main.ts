// `pnpm start:dev` (Vite dev server, dev-only routes) or `pnpm start` (the built app).
import { createDemoServer } from './createDemoServer.js'

const mode = process.env.NODE_ENV === 'production' ? 'production' : 'development'
const demo = await createDemoServer({
  mode,
  port: Number(process.env.PORT ?? 5173),
  host: process.env.HOST ?? 'localhost',
})
console.log(`\n  callsession demo (${mode}) is running at ${demo.url}\n`)
const stop = async () => {
  await demo.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
