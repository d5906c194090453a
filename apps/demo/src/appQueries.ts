import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, type AppUser, api, type PublicConfig } from './api.js'

/** The CometChat app settings the backend uses (no secret). */
export const useConfig = () =>
  useQuery({
    queryKey: ['config'],
    queryFn: () => api<PublicConfig>('/config'),
    staleTime: Infinity,
  })

/** The app's signed-in user, or null. */
export const useMe = () =>
  useQuery({
    queryKey: ['me'],
    queryFn: () =>
      api<AppUser>('/session').catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      }),
  })

/** Everyone in the demo app's user directory. */
export const useAppUsers = () =>
  useQuery({ queryKey: ['users'], queryFn: () => api<AppUser[]>('/users') })

/** Signs into the demo app as `id` (created when new). */
export function useSignIn() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; name?: string }) =>
      api<AppUser>('/session', { method: 'POST', body: input }),
    onSuccess: (user) => {
      client.setQueryData(['me'], user)
      void client.invalidateQueries({ queryKey: ['users'] })
    },
  })
}

/** Signs out of the demo app (the provider's uid becomes null: CometChat signs out too). */
export function useSignOut() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => api<void>('/session', { method: 'DELETE' }),
    onSuccess: () => client.setQueryData(['me'], null),
  })
}
