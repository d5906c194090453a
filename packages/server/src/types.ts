/** A CometChat user as the REST API returns it. */
export interface User {
  uid: string
  name: string
  avatar?: string | undefined
  link?: string | undefined
  role?: string | undefined
  status?: string | undefined
  statusMessage?: string | undefined
  metadata?: Record<string, unknown> | undefined
  tags?: string[] | undefined
  createdAt?: number | undefined
  authToken?: string | undefined
}

/** What `users.create` accepts. */
export interface NewUser {
  uid: string
  name: string
  avatar?: string | undefined
  link?: string | undefined
  role?: string | undefined
  statusMessage?: string | undefined
  metadata?: Record<string, unknown> | undefined
  tags?: string[] | undefined
  withAuthToken?: boolean | undefined
}

/** Profile fields CometChat can clear on update. */
export type UnsettableField = 'avatar' | 'link' | 'metadata'

/** What `users.update` accepts: fields to set, and `unset` to clear avatar, link or metadata. */
export type UserPatch = Partial<Omit<NewUser, 'uid' | 'withAuthToken'>> & {
  unset?: UnsettableField[] | undefined
}

/** A CometChat auth token. */
export interface AuthToken {
  uid: string
  authToken: string
  /** Unix seconds. */
  createdAt: number
}

/** One page of a paginated list. */
export interface Page<T> {
  items: T[]
  total: number
  perPage: number
  page: number
  totalPages: number
}

/** The app's signed-in user, as `authenticate` returns it. */
export interface Profile {
  uid: string
  name: string
  avatar?: string | undefined
  metadata?: Record<string, unknown> | undefined
  tags?: string[] | undefined
}
