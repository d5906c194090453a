import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CometChat, startCometChat } from '../../test/cometchat.js'
import { destroySessions, openSession } from '../../test/openSession.js'

// A step superseded by a logout rejects ABORTED, and its message names the step that was in
// flight (what a log line shows). The v5 model over HTTP; its requests are held at the wire.
let cometchat: CometChat
beforeAll(async () => {
  cometchat = await startCometChat()
})
afterAll(() => cometchat.close())
afterEach(async () => {
  destroySessions()
  await cometchat.reset()
})

const aborted = (step: string) => ({ code: 'ABORTED', message: `Superseded during step "${step}"` })

describe('ABORTED names the superseded step', () => {
  it('sdk: a login superseded before the SDK was ready', async () => {
    const { session } = openSession(cometchat)
    const login = session.login({ uid: 'alice' }).catch((error: unknown) => error)
    await session.logout()
    expect(await login).toMatchObject(aborted('sdk'))
  })

  it('sdk: a refresh superseded before the SDK was ready', async () => {
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const refresh = session.refresh().catch((error: unknown) => error)
    await session.logout()
    expect(await refresh).toMatchObject(aborted('sdk'))
  })

  it('sdkLogin: a login superseded while the SDK signs in', async () => {
    const { session } = openSession(cometchat)
    const wire = cometchat.holdAt('PUT', '/me')
    const login = session.login({ uid: 'alice' }).catch((error: unknown) => error)
    await wire.reached
    const loggedOut = session.logout()
    wire.release()
    await loggedOut
    expect(await login).toMatchObject(aborted('sdkLogin'))
  })

  it('sdkSwap: a refresh superseded while the SDK swaps the token in', async () => {
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const wire = cometchat.holdAt('PUT', '/me')
    const refresh = session.refresh().catch((error: unknown) => error)
    await wire.reached
    const loggedOut = session.logout()
    wire.release()
    await loggedOut
    expect(await refresh).toMatchObject(aborted('sdkSwap'))
  })

  it('sdkLogout: a switch superseded while the SDK signs the old user out', async () => {
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const wire = cometchat.holdAt('DELETE', '/me')
    cometchat.signIn('bob')
    const toBob = session.login({ uid: 'bob' }).catch((error: unknown) => error)
    await wire.reached
    const loggedOut = session.logout()
    wire.release()
    await loggedOut
    expect(await toBob).toMatchObject(aborted('sdkLogout'))
  })

  it('callToken: a call token superseded while CometChat answers', async () => {
    const { session } = openSession(cometchat)
    await session.login({ uid: 'alice' })
    const wire = cometchat.holdAt('POST', '/call_tokens')
    const callToken = session.generateCallToken('room').catch((error: unknown) => error)
    await wire.reached
    const loggedOut = session.logout()
    wire.release()
    await loggedOut
    expect(await callToken).toMatchObject(aborted('callToken'))
  })
})
