// The whole public surface of @callsession/react.
export * from '@callsession/react'
