import type { CallsSession, CallsSessionState, FetchToken, TokenGrant } from '@callsession/core'
import { act } from '@testing-library/react'
import { useContext } from 'react'
import { CallsSessionContext } from '../src/context.js'
import { nextToken } from './cometchat.js'

/** A promise with its resolve/reject in hand, for answers the test releases when it chooses. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A token grant as the app server answers it: a real token minted at the emulator. */
export function grant(uid: string, expiresIn = 3600): TokenGrant {
  return {
    uid,
    authToken: nextToken(uid),
    expiresIn,
    user: { uid, name: `User ${uid}` },
  }
}

/** A `fetchToken` whose every call waits for the test to answer it. */
export function slowTokenSource() {
  const calls: {
    reason: string
    signal: AbortSignal
    answer: ReturnType<typeof deferred<TokenGrant>>
  }[] = []
  const fetchToken: FetchToken = ({ reason, signal }) => {
    const answer = deferred<TokenGrant>()
    calls.push({ reason, signal, answer })
    return answer.promise
  }
  return { fetchToken, calls }
}

/** A `fetchToken` that answers at once with a grant for whoever `currentUid()` says is signed in. */
export function tokenSourceFor(currentUid: () => string) {
  const issued: TokenGrant[] = []
  const fetchToken: FetchToken = async () => {
    const g = grant(currentUid())
    issued.push(g)
    return g
  }
  return { fetchToken, issued }
}

/** Resolves (inside `act`) once the session's state satisfies `predicate`. */
export async function until(
  session: CallsSession,
  predicate: (state: CallsSessionState) => boolean,
) {
  await act(
    () =>
      new Promise<void>((resolve) => {
        if (predicate(session.getState())) return resolve()
        const stop = session.subscribe((state) => {
          if (!predicate(state)) return
          stop()
          resolve()
        })
      }),
  )
  return session.getState()
}

/** Lets queued microtasks and promise callbacks run (inside `act`). */
export async function flush() {
  await act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve()
  })
}

/** Renders nothing; hands the provider's session to the test. */
export function SessionProbe({ onSession }: { onSession: (session: CallsSession) => void }) {
  const session = useContext(CallsSessionContext)
  if (session) onSession(session)
  return null
}
