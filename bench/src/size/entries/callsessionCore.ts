// The whole public surface of @callsession/core (an upper bound on what an app imports).
export * from '@callsession/core'
