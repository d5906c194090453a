import type { CallsSession } from '@callsession/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { SessionProbe, tokenSourceFor, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../reactQuery.js'

/** A QueryClient that records the keys of the queries added to it. */
function recordingClient() {
  const client = new QueryClient()
  const added: unknown[] = []
  client.getQueryCache().subscribe((e) => e.type === 'added' && added.push(e.query.queryKey))
  return { client, added }
}

async function signIn(wrap: (tree: ReactNode) => ReactNode, queryClient?: QueryClient) {
  let session: CallsSession | undefined
  render(
    wrap(
      <CometChatAuthProvider
        appId="app1"
        region="us"
        fetchToken={tokenSourceFor(() => 'alice').fetchToken}
        sdk={fakeSdk().sdk}
        uid="alice"
        {...(queryClient && { queryClient })}
      >
        <SessionProbe onSession={(s) => (session = s)} />
      </CometChatAuthProvider>,
    ),
  )
  if (!session) throw new Error('no session in context')
  return until(session, (s) => s.status !== 'authenticating' && s.status !== 'signed-out')
}

describe('@callsession/react/react-query', () => {
  it("runs token fetches on the nearest QueryClientProvider's client", async () => {
    const nearest = recordingClient()
    const state = await signIn((tree) => (
      <QueryClientProvider client={nearest.client}>{tree}</QueryClientProvider>
    ))
    expect(state.status).toBe('authenticated')
    expect(nearest.added).toHaveLength(1)
  })

  it('prefers the queryClient prop over the nearest provider', async () => {
    const nearest = recordingClient()
    const given = recordingClient()
    await signIn(
      (tree) => <QueryClientProvider client={nearest.client}>{tree}</QueryClientProvider>,
      given.client,
    )
    expect(given.added).toHaveLength(1)
    expect(nearest.added).toHaveLength(0)
  })

  it('signs in without any QueryClientProvider (the session keeps its own client)', async () => {
    const state = await signIn((tree) => tree)
    expect(state).toMatchObject({ status: 'authenticated', user: { uid: 'alice' } })
  })
})
