import type { CometChatCallsV4 } from '@callsession/core'

/**
 * `CometChatCalls` of 4.2.6 (what the registry serves), reduced to what core uses, doing on the
 * wire what the real one does, through `fetch` (the emulator's in-process one: the real package
 * calls the global fetch, which needs real sockets and so races a fake clock).
 *
 * Each behaviour and the fact it follows (/work/shared/COMETCHAT.md, "Calls SDK 4.2.6"):
 * - `new CallAppSettingsBuilder().setAppId(id).setRegion(r).setHost(url).build()`: the builder;
 *   `setHost` replaces the whole API base, trailing slash kept ("setHost replacing the whole base").
 * - Without `setHost` the base is `https://{appId}.call-{region}.cometchat.io/v3.0/` ("API base").
 * - `init(settings)` keeps the settings ("CometChatCalls.init(settings)"); it resolves, nothing
 *   on the wire (the facts name no request at init).
 * - `generateToken(sessionId, authToken)` sends `POST {host}call_tokens` with headers `authToken`,
 *   `content-type: application/json`, `accept`, body `{"sessionId": …}`.
 * - `{ data: { token } }` resolves to `{ token }`.
 * - `{ error: { code, message } }` is thrown as `{ code, message }`, whatever the HTTP status
 *   ("even with status 200").
 * - No `login`, `logout`, `getLoggedInUser` ("No login, logout or getLoggedInUser"): core picks
 *   its 4.x adapter by that shape.
 * Unconfirmed, chosen here: a failed fetch (network) rejects with the fetch's own error, and an
 * answer that is neither envelope rejects with `{ code: 'ERR_UNKNOWN', message }`.
 */
export function createCometChatCallsV4(fetchImpl: typeof fetch): CometChatCallsV4 {
  let settings: { appId?: string; region?: string; host?: string } | undefined

  class CallAppSettingsBuilder {
    private readonly values: { appId?: string; region?: string; host?: string } = {}
    setAppId(appId: string) {
      this.values.appId = appId
      return this
    }
    setRegion(region: string) {
      this.values.region = region
      return this
    }
    setHost(host: string) {
      this.values.host = host
      return this
    }
    build() {
      return { ...this.values }
    }
  }

  const base = () =>
    settings?.host ??
    `https://${settings?.appId}.call-${settings?.region?.toLowerCase()}.cometchat.io/v3.0/`

  return {
    CallAppSettingsBuilder,
    async init(value: unknown) {
      settings = { ...(value as typeof settings) }
      return undefined
    },
    async generateToken(sessionId: string, authToken: string) {
      const response = await fetchImpl(`${base()}call_tokens`, {
        method: 'POST',
        headers: {
          authToken,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ sessionId }),
      })
      const body = (await response.json().catch(() => undefined)) as
        | { data?: { token?: unknown }; error?: { code?: unknown; message?: unknown } }
        | undefined
      if (body?.error) throw { code: body.error.code, message: body.error.message }
      if (typeof body?.data?.token !== 'string') {
        throw { code: 'ERR_UNKNOWN', message: `Unexpected answer (HTTP ${response.status}).` }
      }
      return { token: body.data.token }
    },
  }
}
