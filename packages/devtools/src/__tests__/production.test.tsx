import { render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { handDrivenSession } from '../../test/fakeSession.js'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.resetModules()
})

describe('in a production build', () => {
  it('the main export renders nothing', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { CallsSessionDevtools } = await import('../index.js')
    const { container } = render(
      <CallsSessionDevtools session={handDrivenSession().session} initialIsOpen />,
    )
    expect(container.innerHTML).toBe('')
  })

  it('/production renders the panel, without the development-only refusal button', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const { CallsSessionDevtools } = await import('../production.js')
    const { session } = handDrivenSession({ status: 'authenticated', user: { uid: 'alice' } })
    const { getByRole, queryByRole } = render(
      <CallsSessionDevtools session={session} initialIsOpen />,
    )
    expect(getByRole('button', { name: 'Force refresh' })).toBeTruthy()
    expect(queryByRole('button', { name: 'Simulate CometChat refusal' })).toBeNull()
  })

  it('in development both are the panel, with both buttons', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const { CallsSessionDevtools } = await import('../index.js')
    const { session } = handDrivenSession({ status: 'authenticated', user: { uid: 'alice' } })
    const { getByRole } = render(<CallsSessionDevtools session={session} initialIsOpen />)
    expect(getByRole('button', { name: 'Simulate CometChat refusal' })).toBeTruthy()
  })
})
