// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { build as esbuild } from 'esbuild'
import { build as viteBuild } from 'vite'
import { describe, expect, it, vi } from 'vitest'

// Issue 12, item 3: the Auth-Key entry refuses in a production build whatever the bundler, and
// only there. Each build runs in a bare context with no `process`, as in a browser.
const entry = fileURLToPath(new URL('../dev.ts', import.meta.url))

/** Runs an IIFE bundle exposing `dev` and tries an Auth-Key login with a non-session. */
async function tryLogin(code: string): Promise<{ code?: string; message: string }> {
  const sandbox: Record<string, unknown> = { console }
  const dev = runInNewContext(`${code};dev`, sandbox) as {
    loginWithAuthKey(session: unknown, credentials: unknown): Promise<unknown>
  }
  expect('process' in sandbox).toBe(false)
  return dev.loginWithAuthKey({}, { uid: 'alice', authKey: 'key' }).then(
    () => ({ message: 'resolved' }),
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  )
}

async function esbuildBundle(define: Record<string, string>) {
  const result = await esbuild({
    // 'neutral': esbuild's browser platform would define NODE_ENV itself.
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'dev',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    define,
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

describe('the dev entry refuses in every production build', () => {
  it('esbuild with define process.env.NODE_ENV = "production" refuses', async () => {
    const code = await esbuildBundle({ 'process.env.NODE_ENV': '"production"' })
    expect(await tryLogin(code)).toMatchObject({ code: 'AUTH_KEY_IN_PRODUCTION' })
  })

  it('a webpack-style define (only the member expression replaced, no process object) refuses', async () => {
    // DefinePlugin replaces the text `process.env.NODE_ENV` and defines nothing else.
    const code = await esbuildBundle({})
    const replaced = code.replaceAll('process.env.NODE_ENV', '"production"')
    expect(replaced).not.toContain('process.env')
    expect(await tryLogin(replaced)).toMatchObject({ code: 'AUTH_KEY_IN_PRODUCTION' })
  })

  it('a Vite production build refuses', async () => {
    // `vite build` sets NODE_ENV=production when it is unset; under vitest it is 'test'.
    vi.stubEnv('NODE_ENV', 'production')
    const output = (await viteBuild({
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      build: {
        write: false,
        minify: false,
        lib: { entry, formats: ['iife'], name: 'dev', fileName: 'dev' },
      },
    })) as { output: { type: string; code?: string }[] }[]
    const code = output[0]?.output.find((chunk) => chunk.type === 'chunk')?.code ?? ''
    // A library build leaves process.env.NODE_ENV to the app's bundler (and there is no process
    // here): the refusal comes from import.meta.env.PROD, which Vite did replace.
    expect(code).toContain('process.env.NODE_ENV')
    expect(await tryLogin(code)).toMatchObject({ code: 'AUTH_KEY_IN_PRODUCTION' })
  })

  it('a development build (and one with no define at all) goes past the guard', async () => {
    const defines: Record<string, string>[] = [{ 'process.env.NODE_ENV': '"development"' }, {}]
    for (const define of defines) {
      const result = await tryLogin(await esbuildBundle(define))
      expect(result.code).toBeUndefined()
      expect(result.message).toContain('not a session')
    }
  })
})
