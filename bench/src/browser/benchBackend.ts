import { startEmulator } from '@callsession/emulator'
import { createCometChatClient, createTokenHandler } from '@callsession/server'

/** The settings a bench page reads from `window.__BENCH__`. */
export interface PageConfig {
  appId: string
  region: string
  host: string
  tokenEndpoint: string
}

/** The app user every bench page is signed in as (one of the emulator's sample users). */
export const BENCH_UID = 'cometchat-uid-1'

/**
 * The emulator (a local CometChat) and the app's token endpoint in front of it: `createTokenHandler`
 * minting real tokens with the REST API key, for the user named by the app's own cookie.
 */
export async function startBenchBackend() {
  const emulator = await startEmulator({ port: 0 })
  const cometchat = createCometChatClient({
    appId: emulator.appId,
    region: emulator.region,
    apiKey: emulator.apiKey,
    baseUrl: emulator.restBaseUrl,
  })
  const tokenHandler = createTokenHandler({
    cometchat,
    ttlSeconds: 3600,
    // The uid comes from the app's session cookie only, never from the request body.
    authenticate: (request) => {
      const cookie = request.headers.get('cookie') ?? ''
      const uid = /(?:^|;\s*)bench_uid=([a-zA-Z0-9_-]{1,100})(?:;|$)/.exec(cookie)?.[1]
      return uid ? { uid, name: uid } : null
    },
  })
  const pageConfig: PageConfig = {
    appId: emulator.appId,
    region: emulator.region,
    // 4.2.6 sends no appId header on call tokens: the emulator serves it under its own base
    // (`callsHost`); v5's `sdkHosts.host` answers it 401 AUTH_ERR_EMPTY_APPID.
    host: emulator.callsHost,
    tokenEndpoint: '/api/token',
  }
  return { emulator, tokenHandler, pageConfig, close: () => emulator.close() }
}
