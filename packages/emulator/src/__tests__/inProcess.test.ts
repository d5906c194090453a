import { describe, expect, it } from 'vitest'
import { createInProcessEmulator } from '../index.js'

describe('createInProcessEmulator', () => {
  it('answers the same routes as the HTTP emulator, with no socket', async () => {
    const emulator = createInProcessEmulator()
    const created = await emulator.fetch(
      `${emulator.restBaseUrl}/users/cometchat-uid-1/auth_tokens`,
      {
        method: 'POST',
        headers: { apiKey: emulator.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ force: true }),
      },
    )
    const { data } = (await created.json()) as { data: { authToken: string } }
    const me = await emulator.fetch(`${emulator.sdkHosts.clientHost}/me`, {
      method: 'PUT',
      headers: {
        authToken: data.authToken,
        appId: emulator.appId,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ platform: 'web', deviceId: 'test' }),
    })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { data: { uid: string } }).data.uid).toBe('cometchat-uid-1')
    const refused = await emulator.fetch(`${emulator.restBaseUrl}/users`, {
      headers: { apiKey: 'nope' },
    })
    expect(refused.status).toBe(401)
  })
})
