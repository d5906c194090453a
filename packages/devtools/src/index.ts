'use client'
import { CallsSessionDevtools as Panel } from './CallsSessionDevtools.js'

export type { CallsSessionDevtoolsProps } from './CallsSessionDevtools.js'
export type { DevtoolsPosition } from './styles.js'

/**
 * `<CallsSessionDevtools>`: in a production build it renders nothing, and bundlers drop the panel
 * (the literal `process.env.NODE_ENV` is what they replace). Import `@callsession/devtools/production`
 * to ship it anyway.
 */
export const CallsSessionDevtools: typeof Panel =
  process.env.NODE_ENV === 'production' ? () => null : Panel
