'use client'
/**
 * The panel itself, whatever the build: import it from here to show it in production too.
 * @module
 */
export { CallsSessionDevtools, type CallsSessionDevtoolsProps } from './CallsSessionDevtools.js'
export type { DevtoolsPosition } from './styles.js'
