'use client'
import { useRef, useSyncExternalStore } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { shallow } from 'zustand/vanilla/shallow'

/**
 * `select(store state)`, kept by identity while it stays shallow-equal: a selector may return a
 * fresh object (`s => ({ status: s.status })`) without re-rendering or looping. The selection is
 * recomputed once per state or selector change (an inline selector changes every render).
 */
export function useSelection<S, T>(store: StoreApi<S>, select: (state: S) => T): T {
  const last = useRef<{ state: S; select: (state: S) => T; value: T }>(undefined)
  const snapshot = () => {
    const state = store.getState()
    const previous = last.current
    // Stryker disable next-line ConditionalExpression: equivalent: the shallow comparison below returns the same value; this only saves a selector call
    if (previous?.state === state && previous.select === select) return previous.value
    const next = select(state)
    const value = previous && shallow(previous.value, next) ? previous.value : next
    last.current = { state, select, value }
    return value
  }
  return useSyncExternalStore(store.subscribe, snapshot, snapshot)
}
