// One app instance of the several-servers test: a token endpoint and a user-sync receiver wired to
// the shared Redis as the README's "Running on several servers" shows. Run as a child process:
// node --import tsx tokenServer.ts, with the settings in its environment; prints "READY <url>".
import { createServer } from 'node:http'
import { createClient } from 'redis'
import {
  createCometChatClient,
  createTokenHandler,
  createUserSyncHandler,
  toNodeHandler,
} from '../../src/index.js'
import { createRedisStores } from '../../src/redis/index.js'

const setting = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`tokenServer: ${name} is not set`)
  return value
}
const secret = setting('REUSE_SECRET')

const redis = await createClient({ url: setting('REDIS_URL') }).connect()
const stores = createRedisStores({
  client: redis,
  secret,
  budget: { limit: Number(setting('BUDGET')), windowSeconds: 1, instances: 3 },
  tokenRateLimit: { limit: 20, windowSeconds: 60 },
})
const cometchat = createCometChatClient({
  appId: 'emulator-app',
  region: 'us',
  apiKey: setting('API_KEY'),
  baseUrl: setting('REST_BASE_URL'),
  retryDelayMs: 50,
  maxDelayMs: 2000,
  limiter: stores.callBudget,
})
const tokens = createTokenHandler({
  cometchat,
  authenticate: (request) => {
    const uid = request.headers.get('x-test-uid')
    return uid ? { uid, name: `User ${uid}` } : null
  },
  ttlSeconds: 3600,
  deadlineMs: 20_000,
  ...stores.tokenHandler,
})
const userSync = createUserSyncHandler({
  cometchat,
  secret: setting('HOOK_SECRET'),
  ...stores.userSync,
})

const server = createServer(
  toNodeHandler(async (request) => {
    const path = new URL(request.url).pathname
    if (path === '/token') return tokens(request)
    if (path === '/webhook') return userSync(request)
    return new Response('not found', { status: 404 })
  }),
)
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `READY http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`,
  )
})
