import { describe, expect, it } from 'vitest'
import { createTestClient, installFakeCometChat } from '../../test/fakeCometChat.js'
import { ensureUser } from '../ensureUser.js'
import { CometChatApiError } from '../errors.js'

const fake = installFakeCometChat()

describe('ensureUser', () => {
  it('costs one request for an existing user', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'ann', name: 'Ann' })
    fake.log.length = 0
    await expect(ensureUser(client, { uid: 'ann', name: 'Ann' })).resolves.toMatchObject({
      uid: 'ann',
    })
    expect(fake.log).toHaveLength(1)
  })

  it('200 concurrent calls for one new uid create exactly one user and all succeed', async () => {
    const client = createTestClient()
    const results = await Promise.all(
      Array.from({ length: 200 }, () => ensureUser(client, { uid: 'newbie', name: 'New' })),
    )
    expect(results.every((u) => u.uid === 'newbie')).toBe(true)
    expect(fake.log.filter((r) => r.method === 'POST' && r.path === '/users')).toHaveLength(1)
    expect(fake.users.size).toBe(1)
  })

  it('treats a create that lost a race (another process) as success', async () => {
    const clientA = createTestClient()
    const clientB = createTestClient()
    const results = await Promise.all([
      ensureUser(clientA, { uid: 'race', name: 'R' }),
      ensureUser(clientB, { uid: 'race', name: 'R' }),
    ])
    expect(results.map((u) => u.uid)).toEqual(['race', 'race'])
    expect(fake.users.size).toBe(1)
  })

  it('tells a deactivated user from a missing one by the create answer: USER_DEACTIVATED, restored only when asked', async () => {
    const client = createTestClient()
    await client.users.create({ uid: 'gone', name: 'Gone' })
    await client.users.delete('gone')
    const error = await ensureUser(client, { uid: 'gone', name: 'Gone' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CometChatApiError)
    expect((error as CometChatApiError).code).toBe('USER_DEACTIVATED')
    expect(fake.users.get('gone')?.deactivatedAt).toBeDefined()
    await ensureUser(client, { uid: 'gone', name: 'Gone' }, { restoreDeactivated: true })
    expect(fake.users.get('gone')?.deactivatedAt).toBeUndefined()
  })

  it('validates the profile before any request', async () => {
    await expect(ensureUser(createTestClient(), { uid: '../x', name: 'X' })).rejects.toMatchObject({
      code: 'INVALID_UID',
    })
    expect(fake.log).toHaveLength(0)
  })
})
