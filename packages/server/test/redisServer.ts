import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'

/** Why Redis tests cannot run here, or undefined when `redis-server` is on the PATH. */
export const redisUnavailable: string | undefined = (() => {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  return probe.error || probe.status !== 0
    ? 'redis-server is not installed (apt-get install -y redis-server; .ci/run does it): Redis tests skipped'
    : undefined
})()

/** A throwaway Redis: loopback only, a free port, no RDB or AOF files, killed by `stop()`. */
export interface TestRedis {
  url: string
  port: number
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Starts `redis-server` and resolves once it accepts connections (its own "Ready" line). */
export async function startRedis(): Promise<TestRedis> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort()
    try {
      return await launch(port)
    } catch (error) {
      // Another process may have taken the port between our probe and Redis' bind.
      if (attempt >= 3) throw error
    }
  }
}

function launch(port: number): Promise<TestRedis> {
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      '--loglevel',
      'notice',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        resolve({
          url: `redis://127.0.0.1:${port}`,
          port,
          async stop() {
            if (child.exitCode === null) child.kill('SIGKILL')
            await exited
          },
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)),
    )
  })
}
