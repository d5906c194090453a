import type { CallsSession } from '@callsession/core'
import { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister'
import { QueryClient } from '@tanstack/react-query'
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client'
import { act, render } from '@testing-library/react'
import { expect, it } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { deferred, SessionProbe, tokenSourceFor, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'

it('never writes a token to a persisted query cache, at any write during login and refresh', async () => {
  localStorage.clear()
  const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } })
  // Resolves when the persister writes a snapshot that includes the app's marker query.
  let written = deferred<void>()
  let marker = ''
  const writes: string[] = []
  const storage = {
    getItem: (key: string) => localStorage.getItem(key),
    removeItem: (key: string) => localStorage.removeItem(key),
    setItem: (key: string, value: string) => {
      writes.push(value)
      localStorage.setItem(key, value)
      if (marker && value.includes(marker)) written.resolve()
    },
  }
  const persister = createSyncStoragePersister({ storage, throttleTime: 0 })
  const tokens = tokenSourceFor(() => 'alice')
  const restored = deferred<void>()
  let session: CallsSession | undefined
  render(
    <PersistQueryClientProvider
      client={queryClient}
      persistOptions={{ persister }}
      onSuccess={() => restored.resolve()}
    >
      <CometChatAuthProvider
        appId="app1"
        region="us"
        fetchToken={tokens.fetchToken}
        sdk={fakeSdk().sdk}
        // v5 keeps its own user and token at rest unless told not to (core's README, Security).
        persistSdkSession={false}
        uid="alice"
      >
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>
    </PersistQueryClientProvider>,
  )
  if (!session) throw new Error('no session in context')
  const persistedSnapshot = async (name: string) => {
    marker = `app-data-${name}`
    written = deferred<void>()
    act(() => queryClient.setQueryData(['app', name], marker))
    await act(() => written.promise)
    return Object.keys(localStorage)
      .map((key) => `${key}=${localStorage.getItem(key)}`)
      .join('\n')
  }
  await act(() => restored.promise)
  await until(session, (s) => s.status === 'authenticated')
  const afterLogin = await persistedSnapshot('login')
  await act(() => session?.refresh())
  const afterRefresh = await persistedSnapshot('refresh')

  expect(tokens.issued.length).toBeGreaterThanOrEqual(2)
  expect(afterLogin).toContain('app-data-login') // the persister really wrote the cache
  for (const snapshot of [afterLogin, afterRefresh, ...writes]) {
    for (const { authToken } of tokens.issued) expect(snapshot).not.toContain(authToken)
    expect(snapshot).not.toContain('authToken')
  }
  expect(sessionStorage.length).toBe(0)
})
