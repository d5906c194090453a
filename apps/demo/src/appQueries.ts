import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, type AppUser, api, type PublicConfig } from './api.js'
import { announceAppSessionChange } from './appSession/appSessionChannel.js'

/** The CometChat app settings the backend uses (no secret). */
export const useConfig = () =>
  useQuery({
    queryKey: ['config'],
    queryFn: () => api<PublicConfig>('/config'),
    staleTime: Infinity,
  })

/** The app's signed-in user, or null (the backend answers `null`; older backends a 401). */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () =>
    api<AppUser | null>('/session').then(
      (user) => user ?? null,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      },
    ),
  // Back in this tab: the cookie may have changed in another window.
  refetchOnWindowFocus: true,
})

/** The app's signed-in user, or null. */
export const useMe = () => useQuery(meQuery)

/** Everyone in the demo app's user directory. */
export const useAppUsers = () =>
  useQuery({ queryKey: ['users'], queryFn: () => api<AppUser[]>('/users') })

/** Signs into the demo app as `id` (created when new); other tabs follow. */
export function useSignIn() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; name?: string }) =>
      api<AppUser>('/session', { method: 'POST', body: input }),
    onSuccess: (user) => {
      client.setQueryData(['me'], user)
      void client.invalidateQueries({ queryKey: ['users'] })
      announceAppSessionChange('signed-in')
    },
  })
}

/** Signs out of the demo app (the provider's uid becomes null: CometChat signs out too). */
export function useSignOut() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => api<void>('/session', { method: 'DELETE' }),
    onSuccess: () => {
      client.setQueryData(['me'], null)
      announceAppSessionChange('signed-out')
    },
  })
}
