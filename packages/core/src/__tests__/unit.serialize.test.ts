import { describe, expect, it } from 'vitest'
import { createSerializer } from '../serialize.js'

/** A promise with its resolve and reject handles. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets every pending promise callback run (no timers involved). */
async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

describe('createSerializer', () => {
  it('starts a task only when the one before has finished', async () => {
    const serial = createSerializer()
    const first = deferred<string>()
    const log: string[] = []
    const a = serial(() => {
      log.push('a start')
      return first.promise
    })
    const b = serial(async () => {
      log.push('b start')
      return 'b'
    })
    await settle()
    expect(log).toEqual(['a start'])
    first.resolve('a')
    expect(await a).toBe('a')
    expect(await b).toBe('b')
    expect(log).toEqual(['a start', 'b start'])
  })

  it('runs the next task after one that fails, and hands each its own outcome', async () => {
    const serial = createSerializer()
    const boom = new Error('boom')
    const a = serial(() => Promise.reject(boom))
    const b = serial(async () => 2)
    await expect(a).rejects.toBe(boom)
    await expect(b).resolves.toBe(2)
  })

  it('keeps call order, whatever order the tasks could finish in', async () => {
    const serial = createSerializer()
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()]
    const log: string[] = []
    const runs = gates.map((gate, i) =>
      serial(async () => {
        log.push(`start ${i}`)
        await gate.promise
        log.push(`end ${i}`)
        if (i === 1) throw new Error('middle fails')
      }),
    )
    gates[2]?.resolve()
    gates[1]?.resolve()
    await settle()
    expect(log).toEqual(['start 0'])
    gates[0]?.resolve()
    await Promise.allSettled(runs)
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2'])
  })

  it('two serializers do not wait for each other', async () => {
    const one = createSerializer()
    const two = createSerializer()
    void one(() => new Promise<void>(() => {}))
    await expect(two(async () => 'free')).resolves.toBe('free')
  })
})
