import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { exited, spawnCli } from '../../test/spawnCli.js'
import { DataFileError, startEmulator } from '../index.js'

let dir: string
let dataFile: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callsession-datafile-'))
  dataFile = join(dir, 'data.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the data file (issue 13 item 10)', () => {
  it('a lockfile keeps a second emulator off the file until the first one closes', async () => {
    const first = await startEmulator({ dataFile })
    await expect(startEmulator({ dataFile })).rejects.toThrow(DataFileError)
    await expect(startEmulator({ dataFile })).rejects.toThrow(
      new RegExp(`in use by another emulator \\(pid ${process.pid}`),
    )
    await first.close()
    const second = await startEmulator({ dataFile })
    await second.close()
    expect(await readdir(dir)).toEqual(['data.json'])
  })

  it('a lock left by a crashed emulator (its pid is gone) is taken over', async () => {
    await writeFile(`${dataFile}.lock`, '999999999')
    const emulator = await startEmulator({ dataFile })
    expect(await readFile(`${dataFile}.lock`, 'utf8')).toBe(String(process.pid))
    await emulator.close()
  })

  it.each([
    ['not JSON', '{"users": [', /is not valid JSON/],
    ['not a snapshot', '{"users": {}}', /not an emulator data file: users must be an array/],
    [
      'a user without a uid',
      JSON.stringify({
        users: [{ name: 'x', role: 'default', createdAt: 1 }],
        tokens: [],
        tokenTtlSeconds: null,
      }),
      /users\[0\]\.uid must be a string/,
    ],
  ])(
    'refuses a corrupt file (%s) with a clear error, and leaves it as it was',
    async (_, text, message) => {
      await writeFile(dataFile, text)
      const started = startEmulator({ dataFile })
      await expect(started).rejects.toThrow(DataFileError)
      await expect(started).rejects.toThrow(message)
      expect(await readFile(dataFile, 'utf8')).toBe(text)
      expect(await readdir(dir)).toEqual(['data.json']) // the lock is released too
    },
  )

  it('the CLI says what is wrong with a corrupt file and exits 1, without a stack trace', async () => {
    await writeFile(dataFile, 'garbage')
    const run = spawnCli(['--port', '0', '--data-file', dataFile])
    await expect(run).rejects.toThrow(
      /exited \(1\): callsession-emulator: the data file .* is not valid JSON/,
    )
    await expect(run).rejects.not.toThrow(/at .*persistence/)
  })

  it('removes *.tmp files a crashed writer left behind', async () => {
    await writeFile(`${dataFile}.4242.tmp`, '{"torn')
    const emulator = await startEmulator({ dataFile })
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    await emulator.close()
  })

  it('a failed write answers 500 ERR_EXCEPTION and the change is not kept in memory', async () => {
    const emulator = await startEmulator({ dataFile })
    const api = clientFor(emulator)
    expect((await api.rest('POST', '/users', { uid: 'kept', name: 'Kept' })).status).toBe(200)
    // The writer's temp path is taken by a directory: its next write fails (as a full disk would).
    const blocker = `${dataFile}.${process.pid}.tmp`
    await mkdir(blocker)
    expect(await api.rest('POST', '/users', { uid: 'lost', name: 'Lost' })).toMatchObject({
      status: 500,
      error: { code: 'ERR_EXCEPTION' },
    })
    expect((await api.rest('GET', '/users/lost')).status).toBe(404)
    expect((await api.rest('GET', '/users/kept')).status).toBe(200)
    await rm(blocker, { recursive: true })
    expect((await api.rest('POST', '/users', { uid: 'lost', name: 'Lost' })).status).toBe(200)
    await emulator.close()
    const again = await startEmulator({ dataFile })
    expect((await clientFor(again).rest('GET', '/users/lost')).status).toBe(200)
    await again.close()
  })

  it('after SIGKILL: a restart loads the file, takes the stale lock, leaves no *.tmp', async () => {
    const { child, url } = await spawnCli(['--port', '0', '--data-file', dataFile])
    const writes = Array.from({ length: 50 }, (_, i) =>
      fetch(`${url}/v3/users`, {
        method: 'POST',
        headers: { apiKey: 'emulator-api-key', 'content-type': 'application/json' },
        body: JSON.stringify({ uid: `k${i}`, name: 'K' }),
      }).catch(() => undefined),
    )
    child.kill('SIGKILL')
    await exited(child)
    await Promise.all(writes)
    const restarted = await startEmulator({ dataFile })
    expect((await clientFor(restarted).rest('GET', '/users/cometchat-uid-1')).status).toBe(200)
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    await restarted.close()
  })
})
