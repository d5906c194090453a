import type { CallsSession } from '@callsession/core'
import type { ComponentProps } from 'react'
import { describe, expectTypeOf, it } from 'vitest'
import {
  CallsSessionDevtools,
  type CallsSessionDevtoolsProps,
  type DevtoolsPosition,
} from '../index.js'
import type { CallsSessionDevtools as ProductionDevtools } from '../production.js'

declare const session: CallsSession

describe('<CallsSessionDevtools> props', () => {
  it('are all optional: the session comes from the provider by default', () => {
    ;<CallsSessionDevtools />
    ;<CallsSessionDevtools session={session} initialIsOpen position="top-left" appId="app" />
    expectTypeOf<CallsSessionDevtoolsProps['session']>().toEqualTypeOf<CallsSession | undefined>()
    expectTypeOf<CallsSessionDevtoolsProps['initialIsOpen']>().toEqualTypeOf<boolean | undefined>()
  })

  it('position is one of four corners', () => {
    expectTypeOf<DevtoolsPosition>().toEqualTypeOf<
      'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'
    >()
    // @ts-expect-error not a corner
    ;<CallsSessionDevtools position="middle" />
  })

  it('refuses what is not a session, and unknown props', () => {
    // @ts-expect-error a session object, not its options
    ;<CallsSessionDevtools session={{ appId: 'app', region: 'us' }} />
    // @ts-expect-error no such prop
    ;<CallsSessionDevtools buttonPosition="top-left" />
  })

  it('the production entry takes exactly the same props', () => {
    expectTypeOf<ComponentProps<typeof ProductionDevtools>>().toEqualTypeOf<
      ComponentProps<typeof CallsSessionDevtools>
    >()
  })
})
