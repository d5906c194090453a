// What a React app imports from our stack: the provider and the hook (core comes with them).
export { CometChatAuthProvider, useCallsSession } from '@callsession/react'
