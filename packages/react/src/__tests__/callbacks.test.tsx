import type { CallsSessionEvent, CallsSessionStatus } from '@callsession/core'
import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fakeSdk } from '../../test/fakeSdk.js'
import { SessionProbe, tokenSourceFor, until } from '../../test/harness.js'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import type { CallsSession } from '../index.js'

// Issue 16: the provider's onEvent, onError and onStatusChange props.
describe('provider callbacks', () => {
  it('onEvent and onStatusChange follow the session; the newest callback is the one called', async () => {
    const events: string[] = []
    const statuses: [CallsSessionStatus, CallsSessionStatus][] = []
    const latest: string[] = []
    let session: CallsSession | undefined
    const tree = (tag: string) => (
      <CometChatAuthProvider
        appId="app1"
        region="us"
        sdk={fakeSdk().sdk}
        fetchToken={tokenSourceFor(() => 'alice').fetchToken}
        uid="alice"
        onEvent={(event: CallsSessionEvent) => {
          events.push(event.type)
          latest.push(tag)
          expect(JSON.stringify(event)).not.toMatch(/authToken|_[0-9a-f]{20,}/)
        }}
        onStatusChange={(status, previous) => statuses.push([status, previous])}
      >
        <SessionProbe onSession={(s) => (session ??= s)} />
      </CometChatAuthProvider>
    )
    const view = render(tree('first'))
    if (!session) throw new Error('no session')
    await until(session, (s) => s.status === 'authenticated')
    expect(events).toContain('SIGNED_IN')
    expect(events).toContain('TOKEN_FETCHED')
    expect(statuses).toContainEqual(['authenticated', 'authenticating'])
    view.rerender(tree('second'))
    await session.refresh()
    expect(latest.at(-1)).toBe('second')
  })

  it('onError gets the typed error when the session fails', async () => {
    const errors: string[] = []
    let session: CallsSession | undefined
    render(
      <CometChatAuthProvider
        appId="app1"
        region="us"
        sdk={fakeSdk().sdk}
        fetchToken={async () => {
          throw Object.assign(new Error('nope'), { status: 401 })
        }}
        uid="alice"
        onError={(error) => errors.push(error.code)}
      >
        <SessionProbe onSession={(s) => (session ??= s)} />
      </CometChatAuthProvider>,
    )
    if (!session) throw new Error('no session')
    await until(session, (s) => s.status === 'error')
    expect(errors).toHaveLength(1)
  })
})
