import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clientFor } from '../../test/client.js'
import { exited, spawnCli } from '../../test/spawnCli.js'
import { EMULATOR_DEFAULTS, emulatorControl, startEmulator } from '../index.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callsession-emulator-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('persistence with dataFile', () => {
  it('keeps users, tokens and the lifetime across a restart; memory-only otherwise', async () => {
    const dataFile = join(dir, 'data.json')
    const first = await startEmulator({ dataFile, tokenTtlSeconds: 900 })
    const api = clientFor(first)
    await api.rest('POST', '/users', { uid: 'kept', name: 'Kept' })
    const { authToken } = (await api.rest('POST', '/users/kept/auth_tokens')).data as {
      authToken: string
    }
    await api.rest('DELETE', '/users/cometchat-uid-1')
    await first.close()

    const second = await startEmulator({ dataFile })
    const again = clientFor(second)
    expect((await again.rest('GET', '/users/kept')).data).toMatchObject({ name: 'Kept' })
    // Still deactivated: not found, but its uid is taken.
    expect((await again.rest('GET', '/users/cometchat-uid-1')).status).toBe(404)
    expect(
      (await again.rest('POST', '/users', { uid: 'cometchat-uid-1', name: 'X' })).error?.code,
    ).toBe('ERR_UID_ALREADY_EXISTS')
    expect(
      (await again.calls('POST', 'call_tokens', { authToken }, { sessionId: 's' })).status,
    ).toBe(200)
    expect((await again.control('GET', 'config')).data).toEqual({ tokenTtlSeconds: 900 })
    await second.close()

    const memory = await startEmulator()
    expect((await clientFor(memory).rest('GET', '/users/kept')).status).toBe(404)
    await memory.close()
  })

  it('loses nothing acknowledged when killed (SIGKILL) in the middle of writes', async () => {
    const dataFile = join(dir, 'crash.json')
    const { child, url } = await spawnCli(['--port', '0', '--data-file', dataFile])
    const api = clientFor({
      ...EMULATOR_DEFAULTS,
      url,
      restBaseUrl: `${url}/v3`,
      callsHost: `${url}/calls/v3.0/`,
      sdkHosts: { host: `${url}/v3.0`, clientHost: `${url}/v3.0`, adminHost: `${url}/v3.0` },
      control: (method, path, body) =>
        emulatorControl({ url, apiKey: EMULATOR_DEFAULTS.apiKey }, method, path, body),
      close: async () => {},
    })
    const acknowledged: string[] = []
    let killed = false
    // Writers keep creating users; the kill lands while writes are in flight.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !killed; i++) {
        const uid = `w${w}-${i}`
        try {
          const answer = await api.rest('POST', '/users', { uid, name: uid })
          if (answer.status === 200) acknowledged.push(uid)
        } catch {
          return
        }
      }
    })
    while (acknowledged.length < 150) await new Promise((resolve) => setImmediate(resolve))
    child.kill('SIGKILL')
    killed = true
    await exited(child)
    await Promise.all(writers)

    const text = await readFile(dataFile, 'utf8')
    expect(() => JSON.parse(text)).not.toThrow()
    // The killed emulator's lock is stale (its pid is gone) and its temp file is cleaned up.
    const restarted = await startEmulator({ dataFile })
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    const { data } = await clientFor(restarted).rest('GET', '/users?perPage=1000')
    const uids = new Set((data as { uid: string }[]).map((u) => u.uid))
    expect(acknowledged.filter((uid) => !uids.has(uid))).toEqual([])
    expect(uids.has('cometchat-uid-1')).toBe(true)
    await restarted.close()
  })
})
