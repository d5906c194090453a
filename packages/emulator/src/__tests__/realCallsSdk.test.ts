// @vitest-environment jsdom
import { CometChatCalls } from '@cometchat/calls-sdk-javascript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { type RunningEmulator, startEmulator } from '../index.js'

let clock = Date.UTC(2026, 0, 1)
let emulator: RunningEmulator
let api: ReturnType<typeof clientFor>
beforeAll(async () => {
  emulator = await startEmulator({ now: () => clock, tokenTtlSeconds: 3600 })
  api = clientFor(emulator)
  const settings = new CometChatCalls.CallAppSettingsBuilder()
    .setAppId(emulator.appId)
    .setRegion(emulator.region)
    .setHost(emulator.callsHost)
    .build()
  await CometChatCalls.init(settings)
})
afterAll(() => emulator.close())

const mint = async (uid: string) =>
  ((await api.rest('POST', `/users/${uid}/auth_tokens`)).data as { authToken: string }).authToken

describe('the real @cometchat/calls-sdk-javascript 4.2.6 against the emulator', () => {
  it('a valid auth token gives a call token', async () => {
    const authToken = await mint('cometchat-uid-1')
    const { token } = await CometChatCalls.generateToken('sdk-room', authToken)
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  })

  it('a revoked token makes the SDK throw AUTH_ERR_AUTH_TOKEN_NOT_FOUND', async () => {
    const authToken = await mint('cometchat-uid-1')
    await api.rest('DELETE', `/users/cometchat-uid-1/auth_tokens/${authToken}`)
    await expect(CometChatCalls.generateToken('sdk-room', authToken)).rejects.toMatchObject({
      code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
    })
  })

  it('an expired token (older than the lifetime) makes the SDK throw', async () => {
    const authToken = await mint('cometchat-uid-2')
    clock += 3_600_000
    await expect(CometChatCalls.generateToken('sdk-room', authToken)).rejects.toMatchObject({
      code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
    })
  })

  it('a deactivated user’s token makes the SDK throw', async () => {
    const authToken = await mint('cometchat-uid-3')
    await api.rest('DELETE', '/users/cometchat-uid-3')
    await expect(CometChatCalls.generateToken('sdk-room', authToken)).rejects.toMatchObject({
      code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
    })
  })
})
