import type { CometChatClient } from '@callsession/server'
import { describe, expect, it, vi } from 'vitest'
import { createAppUsers } from '../appUsers.js'
import { createImportJobs } from '../importJobs.js'

describe('sessions expire', () => {
  const seed = [{ id: 'ann', name: 'Ann' }]

  it('after being idle, and at the absolute limit even when used', () => {
    let now = 0
    const users = createAppUsers(seed, { idleMs: 100, absoluteMs: 250, now: () => now })
    const sid = users.signIn('ann')
    now = 99
    expect(users.whoIs(sid)?.id).toBe('ann')
    now = 198
    expect(users.whoIs(sid)?.id).toBe('ann') // used at 99: 99 ms idle
    now = 249
    expect(users.whoIs(sid)?.id).toBe('ann')
    now = 250
    expect(users.whoIs(sid)).toBeUndefined()
    const idle = users.signIn('ann')
    now = 350
    expect(users.whoIs(idle)).toBeUndefined()
  })

  it('a flood of sign-ins keeps at most maxSessions, dropping the oldest', () => {
    const users = createAppUsers(seed, { maxSessions: 3 })
    const sids = Array.from({ length: 5 }, () => users.signIn('ann'))
    expect(users.sessionCount).toBe(3)
    expect(users.whoIs(sids[0])).toBeUndefined()
    expect(users.whoIs(sids[4])?.id).toBe('ann')
  })
})

describe('import jobs', () => {
  const cometchat = {
    users: { create: async (user: unknown) => user },
  } as unknown as CometChatClient

  it('a finished job is forgotten after keepFinishedMs', async () => {
    let now = 1_000
    const jobs = createImportJobs({
      cometchat,
      keepFinishedMs: 500,
      now: () => now,
      ratePerMinute: 0,
    })
    const job = jobs.start('uid,name\na,A\n', 'csv', false)
    await vi_waitDone(() => jobs.get(job.id)?.status)
    now += 499
    expect(jobs.get(job.id)?.status).toBe('done')
    now += 1
    expect(jobs.get(job.id)).toBeUndefined()
  })

  it('one import at a time: a second one is refused while the first runs', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const slow = {
      users: {
        async create(user: unknown) {
          await gate
          return user
        },
      },
    } as unknown as CometChatClient
    const jobs = createImportJobs({ cometchat: slow, ratePerMinute: 0 })
    const first = jobs.start('uid,name\na,A\n', 'csv', false)
    expect(() => jobs.start('uid,name\nb,B\n', 'csv', false)).toThrow(/another import is running/)
    release()
    await vi_waitDone(() => jobs.get(first.id)?.status)
    expect(jobs.start('uid,name\nb,B\n', 'csv', false).status).toBe('running')
  })

  it('all imports share one rate limiter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] })
    try {
      let creates = 0
      const counting = {
        users: {
          async create(user: unknown) {
            creates++
            return user
          },
        },
      } as unknown as CometChatClient
      // 60/min: one create per second, for all jobs together.
      const jobs = createImportJobs({ cometchat: counting, ratePerMinute: 60 })
      const a = jobs.start('uid,name\na1,A\n', 'csv', false)
      await vi_waitDone(() => jobs.get(a.id)?.status)
      expect(creates).toBe(1)
      // A new job does not get a fresh budget: its first create waits for the shared slot.
      const b = jobs.start('uid,name\nb1,B\n', 'csv', false)
      await vi.advanceTimersByTimeAsync(999)
      expect(creates).toBe(1)
      await vi.advanceTimersByTimeAsync(1)
      await vi_waitDone(() => jobs.get(b.id)?.status)
      expect(creates).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })
})

async function vi_waitDone(status: () => string | undefined) {
  while (status() === 'running') await new Promise((resolve) => setImmediate(resolve))
}
