'use client'
import { QueryClientContext } from '@tanstack/react-query'
import { useContext } from 'react'
import {
  CometChatAuthProvider as BaseProvider,
  type CometChatAuthProviderProps,
} from './CometChatAuthProvider.js'

/**
 * `<CometChatAuthProvider>` for apps that use TanStack Query: token fetches run on the nearest
 * `<QueryClientProvider>`'s client (shown in its devtools) unless a `queryClient` or `session` is
 * given. The only module that imports `@tanstack/react-query`, an optional peer.
 * @example import { CometChatAuthProvider } from '@callsession/react/react-query'
 */
export function CometChatAuthProvider(props: CometChatAuthProviderProps) {
  const nearest = useContext(QueryClientContext)
  if ('session' in props || props.queryClient || !nearest) return <BaseProvider {...props} />
  return <BaseProvider {...props} queryClient={nearest} />
}
