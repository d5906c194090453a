import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { handDrivenSession, realSession } from '../../test/fakeSession.js'
import { MemoryBroadcastChannel } from '../../test/memoryBroadcastChannel.js'
import { createDevtoolsStore, TAB_LIMIT } from '../devtoolsStore.js'
import { CallsSessionDevtools } from '../index.js'
import { readAnnouncement } from '../tabAnnouncement.js'

const opened: BroadcastChannel[] = []
const listen = (name: string) => {
  const channel = new BroadcastChannel(name)
  opened.push(channel)
  const seen: unknown[] = []
  channel.onmessage = ({ data }) => seen.push(data)
  return { channel, seen }
}
beforeEach(() => {
  vi.stubGlobal('BroadcastChannel', MemoryBroadcastChannel)
})
afterEach(() => {
  for (const channel of opened.splice(0)) channel.close()
  vi.unstubAllGlobals()
})

const tabRows = (container: HTMLElement) =>
  within(within(container).getByTestId('devtools-tabs')).getAllByRole('listitem')

describe('the tabs sharing the session', () => {
  it('panels of one app find each other, and the one that refreshed is marked', async () => {
    // Two panels in one page stand for two tabs: each has its own session and its own tab id.
    const a = realSession({ appId: 'tabs-app' })
    const b = realSession({ appId: 'tabs-app' })
    const first = render(
      <CallsSessionDevtools session={a.session} appId="tabs-app" initialIsOpen />,
    )
    const second = render(
      <CallsSessionDevtools session={b.session} appId="tabs-app" initialIsOpen />,
    )
    await waitFor(() => expect(tabRows(first.container)).toHaveLength(2))
    await waitFor(() => expect(tabRows(second.container)).toHaveLength(2))
    await act(() => a.session.login({ uid: 'alice' }))
    await act(() => a.session.refresh())
    await waitFor(() => {
      const marked = within(second.container).getByTestId('devtools-refresher')
      const row = marked.closest('li') as HTMLElement
      expect(row.getAttribute('data-self')).toBeNull()
      expect(row.textContent).toContain('authenticated')
      expect(row.textContent).toContain('alice')
    })
    // An unmounted panel says goodbye.
    first.unmount()
    await waitFor(() => expect(tabRows(second.container)).toHaveLength(1))
    a.session.destroy()
    b.session.destroy()
  })

  it('panels of another app are not listed', async () => {
    const mine = render(
      <CallsSessionDevtools session={handDrivenSession().session} appId="app-1" initialIsOpen />,
    )
    const other = render(
      <CallsSessionDevtools session={handDrivenSession().session} appId="app-2" initialIsOpen />,
    )
    render(<CallsSessionDevtools session={handDrivenSession().session} appId="app-1" />)
    await waitFor(() => expect(tabRows(mine.container)).toHaveLength(2))
    expect(tabRows(other.container)).toHaveLength(1)
  })

  it('announces no token, only non-secret facts, on its own channel', async () => {
    const { session, issued } = realSession({ appId: 'secret-app' })
    const { seen } = listen('callsession-devtools:secret-app')
    render(<CallsSessionDevtools session={session} appId="secret-app" />)
    await act(() => session.login({ uid: 'alice' }))
    await act(() => session.refresh())
    await waitFor(() =>
      expect(seen.some((m) => JSON.stringify(m).includes('lastRefreshAt'))).toBe(true),
    )
    const wire = JSON.stringify(seen)
    for (const { grant } of issued) expect(wire).not.toContain(grant.authToken)
    const allowed = ['lastAdoptedAt', 'lastRefreshAt', 'status', 'tabId', 'uid']
    for (const message of seen) {
      expect(Object.keys(message as object).sort()).toEqual(['facts', 'kind'])
      for (const key of Object.keys((message as { facts: object }).facts)) {
        expect(allowed).toContain(key)
      }
    }
    session.destroy()
  })

  it('a flood of fake tabs on the channel is capped', async () => {
    const { session } = handDrivenSession()
    const store = createDevtoolsStore(session, 'callsession-devtools:flood')
    const disconnect = store.connect()
    const { channel } = listen('callsession-devtools:flood')
    for (let i = 0; i < TAB_LIMIT + 20; i++) {
      channel.postMessage({ kind: 'facts', facts: { tabId: `fake-${i}`, status: 'signed-out' } })
    }
    channel.postMessage({ kind: 'facts', facts: { tabId: 'last', status: 'signed-out' } })
    await waitFor(() => expect(Object.keys(store.getState().others)).toHaveLength(TAB_LIMIT))
    disconnect()
  })
})

describe('readAnnouncement (anything of this origin may post on the channel)', () => {
  const facts = { tabId: 't1', status: 'authenticated', uid: 'alice', lastRefreshAt: 5 }
  it('keeps a well-formed announcement, and only its known fields', () => {
    expect(
      readAnnouncement({ kind: 'facts', facts: { ...facts, authToken: 'alice_x' }, extra: 1 }),
    ).toEqual({
      kind: 'facts',
      facts: { ...facts, lastAdoptedAt: undefined },
    })
  })
  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an unknown kind', { kind: 'grant', facts }],
    ['no facts', { kind: 'hello' }],
    ['an unknown status', { kind: 'hello', facts: { ...facts, status: 'root' } }],
    ['an empty tab id', { kind: 'hello', facts: { ...facts, tabId: '' } }],
    ['a huge tab id', { kind: 'hello', facts: { ...facts, tabId: 'x'.repeat(65) } }],
    ['a huge uid', { kind: 'hello', facts: { ...facts, uid: 'u'.repeat(101) } }],
    ['a uid that is no string', { kind: 'hello', facts: { ...facts, uid: { toString: 1 } } }],
    ['a time that is no number', { kind: 'hello', facts: { ...facts, lastRefreshAt: '5' } }],
    ['a time that is NaN', { kind: 'hello', facts: { ...facts, lastAdoptedAt: Number.NaN } }],
  ])('drops %s', (_, data) => {
    expect(readAnnouncement(data)).toBeUndefined()
  })
})

describe('the toggle', () => {
  it('keeps collecting events while closed', async () => {
    const { session } = realSession({ appId: 'closed-app' })
    render(<CallsSessionDevtools session={session} appId="closed-app" />)
    await act(() => session.login({ uid: 'alice' }))
    fireEvent.click(screen.getByRole('button', { name: 'Open callsession devtools' }))
    expect(screen.getByTestId('devtools-timeline').textContent).toContain('SIGNED_IN')
    session.destroy()
  })
})
