import type { CallsSession } from '@callsession/core'
import { describe, expectTypeOf, it } from 'vitest'
import { CometChatAuthProvider, type CometChatAuthProviderProps } from '../CometChatAuthProvider.js'

declare const session: CallsSession

describe('CometChatAuthProvider props', () => {
  it('takes session options or a ready session, and a uid that may be null or absent', () => {
    expectTypeOf<CometChatAuthProviderProps['uid']>().toEqualTypeOf<string | null | undefined>()
    void (<CometChatAuthProvider appId="a" region="us" tokenEndpoint="/t" uid={null} />)
    void (<CometChatAuthProvider session={session} uid="alice" />)
    void (<CometChatAuthProvider session={session} />)
    // @ts-expect-error the CometChat app is required when no session is given
    void (<CometChatAuthProvider tokenEndpoint="/t" uid="alice" />)
    // @ts-expect-error uid is a string, null or undefined
    void (<CometChatAuthProvider session={session} uid={42} />)
  })
})
