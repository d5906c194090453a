// The smallest app that uses the devtools: a provider signed in as one user, and the panel.
import { CometChatAuthProvider } from '@callsession/react'
import { createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { CallsSessionDevtools } from '../../src/index.js'

/** Set by the test's build: the emulator's app and calls host, the user to sign in. */
declare const __PAGE__: { appId: string; region: string; host: string; uid: string }

createRoot(document.getElementById('root') as HTMLElement).render(
  h(
    CometChatAuthProvider,
    {
      appId: __PAGE__.appId,
      region: __PAGE__.region,
      host: __PAGE__.host,
      tokenEndpoint: '/api/token',
      uid: __PAGE__.uid,
    },
    h('p', { id: 'app' }, 'app'),
    h(CallsSessionDevtools, { appId: __PAGE__.appId }),
  ),
)
