import type { CallsSessionEvent } from '@callsession/core'
import { CallsSessionContext } from '@callsession/react'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { handDrivenSession, realSession } from '../../test/fakeSession.js'
import { CallsSessionDevtools } from '../index.js'

const T0 = new Date(2026, 10, 26, 14, 0, 0, 0).getTime()

const rows = () =>
  within(screen.getByTestId('devtools-timeline'))
    .getAllByRole('listitem')
    .map((li) => ({ type: li.getAttribute('data-event-type'), text: li.textContent ?? '' }))

describe('<CallsSessionDevtools> with a hand-driven session', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    vi.setSystemTime(T0)
  })
  afterEach(() => vi.useRealTimers())

  it('is a closed toggle until clicked (or initialIsOpen), then shows state and uid', () => {
    const { session } = handDrivenSession({
      status: 'authenticated',
      user: { uid: 'alice' },
      expiresAt: T0 + 600_000,
    })
    render(<CallsSessionDevtools session={session} />)
    expect(screen.queryByRole('dialog')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Open callsession devtools' }))
    expect(screen.getByTestId('devtools-status').textContent).toBe('authenticated')
    expect(screen.getByTestId('devtools-uid').textContent).toContain('alice')
    fireEvent.click(screen.getByRole('button', { name: 'Close callsession devtools' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('takes the session of the nearest provider when given none', () => {
    const { session } = handDrivenSession({ status: 'authenticating', uid: 'bob' })
    render(
      <CallsSessionContext.Provider value={session}>
        <CallsSessionDevtools initialIsOpen />
      </CallsSessionContext.Provider>,
    )
    expect(screen.getByTestId('devtools-status').textContent).toBe('authenticating')
    expect(screen.getByTestId('devtools-uid').textContent).toContain('bob')
  })

  it('says so when there is no session at all', () => {
    render(<CallsSessionDevtools initialIsOpen />)
    expect(screen.getByRole('dialog').textContent).toMatch(/No session/)
  })

  it('lists events newest first, with fetch durations and the time since the previous event', async () => {
    const driven = handDrivenSession()
    render(<CallsSessionDevtools session={driven.session} initialIsOpen />)
    expect(screen.getByText('No events yet.')).toBeTruthy()
    await driven.emit({ type: 'TOKEN_FETCHED', reason: 'login', durationMs: 812, attempt: 2 })
    vi.setSystemTime(T0 + 40)
    await driven.emit({ type: 'REFRESH_SCHEDULED', dueAt: T0 + 540_000 })
    vi.setSystemTime(T0 + 1_540)
    await driven.emit({ type: 'SIGNED_IN', source: 'token' })
    expect(rows().map((r) => r.type)).toEqual(['SIGNED_IN', 'REFRESH_SCHEDULED', 'TOKEN_FETCHED'])
    const [signedIn, scheduled, fetched] = rows()
    expect(fetched?.text).toContain('login · took 812 ms · attempt 2')
    expect(fetched?.text).toContain('14:00:00.000')
    expect(scheduled?.text).toContain('+40 ms')
    expect(scheduled?.text).toContain('due 14:09:00.000 (in 9 min 0 s)')
    expect(signedIn?.text).toContain('+1.5 s')
    expect(signedIn?.text).toContain('source: token')
    expect(signedIn?.text).toContain('alice')
  })

  it('draws the token life: refresh due and now at their share of received → expiry', async () => {
    const driven = handDrivenSession()
    render(<CallsSessionDevtools session={driven.session} initialIsOpen />)
    await driven.emit({ type: 'TOKEN_FETCHED', reason: 'login', durationMs: 5, attempt: 1 })
    await driven.emit({ type: 'REFRESH_SCHEDULED', dueAt: T0 + 540_000 })
    await driven.setState({
      status: 'authenticated',
      user: { uid: 'alice' },
      expiresAt: T0 + 600_000,
    })
    const bar = screen.getByTestId('devtools-token-life')
    const marker = (name: string) =>
      bar.querySelector(`[data-marker="${name}"]`)?.getAttribute('data-position')
    expect(marker('due')).toBe('90.00')
    expect(marker('now')).toBe('0.00')
    expect(screen.getByTestId('devtools-expires').textContent).toBe('14:10:00.000 (in 10 min 0 s)')
    // The "now" marker moves on its own, once a second.
    await act(() => vi.advanceTimersByTimeAsync(150_000))
    expect(marker('now')).toBe('25.00')
    expect(screen.getByTestId('devtools-due').textContent).toBe('14:09:00.000 (in 6 min 30 s)')
  })

  it('a token received between two ticks of the clock is never shown as in the future', async () => {
    const driven = handDrivenSession()
    render(<CallsSessionDevtools session={driven.session} initialIsOpen />)
    vi.setSystemTime(T0 + 400)
    await driven.emit({ type: 'TOKEN_FETCHED', reason: 'refresh', durationMs: 5, attempt: 1 })
    await driven.setState({
      status: 'authenticated',
      user: { uid: 'alice' },
      expiresAt: T0 + 600_400,
    })
    expect(screen.getByTestId('devtools-received').textContent).toBe('14:00:00.400 (0 ms ago)')
  })

  it('shows a failed refresh that keeps the token as a retry, and an error with its code', async () => {
    const driven = handDrivenSession({
      status: 'authenticated',
      user: { uid: 'alice' },
      expiresAt: T0 + 600_000,
    })
    render(<CallsSessionDevtools session={driven.session} initialIsOpen />)
    await driven.emit({ type: 'TOKEN_FETCHED', reason: 'login', durationMs: 5, attempt: 1 })
    const error = Object.assign(new Error('offline'), { code: 'NETWORK_ERROR' })
    await driven.emit({
      type: 'REFRESH_FAILED_KEEPING_TOKEN',
      error: error as never,
      retryAt: T0 + 30_000,
    } as Omit<Extract<CallsSessionEvent, { type: 'REFRESH_FAILED_KEEPING_TOKEN' }>, 'at' | 'uid'>)
    expect(rows()[0]?.text).toContain('NETWORK_ERROR · retry in 30.0 s')
    expect(screen.getByText('retry', { selector: 'dt' })).toBeTruthy()
    await driven.setState({ status: 'error', error: error as never })
    expect(screen.getByRole('alert').textContent).toBe('NETWORK_ERROR: offline')
    expect(screen.queryByTestId('devtools-token-life')).toBeNull()
  })

  it('Force refresh calls session.refresh(), only while signed in, and reports a failure', async () => {
    const driven = handDrivenSession({ status: 'signed-out' })
    render(<CallsSessionDevtools session={driven.session} initialIsOpen />)
    const force = screen.getByRole('button', { name: 'Force refresh' }) as HTMLButtonElement
    expect(force.disabled).toBe(true)
    await driven.setState({ status: 'authenticated', user: { uid: 'alice' } })
    expect(force.disabled).toBe(false)
    vi.mocked(driven.session.refresh).mockRejectedValueOnce(
      Object.assign(new Error('x'), { code: 'TOKEN_ENDPOINT_ERROR' }),
    )
    fireEvent.click(force)
    expect(driven.session.refresh).toHaveBeenCalledTimes(1)
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('refresh: TOKEN_ENDPOINT_ERROR'),
    )
  })
})

describe('<CallsSessionDevtools> with a real session (core, fake 4.2.6 SDK)', () => {
  it('Force refresh fetches a fresh token and the timeline shows TOKEN_REFRESHED', async () => {
    const { session, issued } = realSession()
    render(<CallsSessionDevtools session={session} initialIsOpen />)
    await act(() => session.login({ uid: 'alice' }))
    expect(rows().map((r) => r.type)).toEqual(['SIGNED_IN', 'REFRESH_SCHEDULED', 'TOKEN_FETCHED'])
    fireEvent.click(screen.getByRole('button', { name: 'Force refresh' }))
    await waitFor(() => expect(rows()[0]?.type).toBe('TOKEN_REFRESHED'))
    expect(issued.map((i) => i.reason)).toEqual(['login', 'refresh'])
    expect(screen.getByRole('status').textContent).toBe('refresh: done')
    session.destroy()
  })

  it('Simulate CometChat refusal runs the refusal path: one token fetched for "rejected"', async () => {
    const { session, issued } = realSession()
    render(<CallsSessionDevtools session={session} initialIsOpen />)
    await act(() => session.login({ uid: 'alice' }))
    fireEvent.click(screen.getByRole('button', { name: 'Simulate CometChat refusal' }))
    await waitFor(() => expect(rows()[0]?.type).toBe('TOKEN_REFRESHED'))
    expect(rows().map((r) => r.type)).toContain('TOKEN_REJECTED_BY_COMETCHAT')
    expect(issued.map((i) => i.reason)).toEqual(['login', 'rejected'])
    session.destroy()
  })

  it('never shows a token, whatever happened', async () => {
    const { session, issued } = realSession()
    const { container } = render(<CallsSessionDevtools session={session} initialIsOpen />)
    await act(() => session.login({ uid: 'alice' }))
    await act(() => session.refresh())
    expect(issued).toHaveLength(2)
    for (const { grant } of issued) expect(container.innerHTML).not.toContain(grant.authToken)
    session.destroy()
  })
})
