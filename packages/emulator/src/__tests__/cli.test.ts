import { describe, expect, it } from 'vitest'
import { exited, spawnCli } from '../../test/spawnCli.js'

describe('callsession-emulator CLI', () => {
  it('prints the URLs and credentials, serves, and stops cleanly on SIGTERM', async () => {
    const { child, url, output } = await spawnCli(['--port', '0', '--token-ttl', '60'])
    await expect.poll(output).toContain('authKey emulator-auth-key')
    expect(output()).toContain(`${url}/v3`)
    expect(output()).toContain(`${url}/calls/v3.0/`)
    for (const name of ['host', 'clientHost', 'adminHost'])
      expect(output()).toMatch(new RegExp(`${name} +${url}/v3\\.0\n`))
    const answer = await fetch(`${url}/v3/users/cometchat-uid-1`, {
      headers: { apiKey: 'emulator-api-key' },
    })
    expect(answer.status).toBe(200)
    child.kill('SIGTERM')
    expect(await exited(child)).toEqual({ code: 0, signal: null })
  })

  it('refuses bad arguments with exit code 2', async () => {
    await expect(spawnCli(['--port', 'abc'])).rejects.toThrow(/exited \(2\)/)
  })
})
