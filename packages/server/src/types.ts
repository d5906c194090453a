/** A CometChat user as the REST API returns it. */
export interface User {
  uid: string
  name: string
  avatar?: string
  link?: string
  role?: string
  status?: string
  statusMessage?: string
  metadata?: Record<string, unknown>
  tags?: string[]
  createdAt?: number
  authToken?: string
}

/** What `users.create` accepts. */
export interface NewUser {
  uid: string
  name: string
  avatar?: string
  link?: string
  role?: string
  statusMessage?: string
  metadata?: Record<string, unknown>
  tags?: string[]
  withAuthToken?: boolean
}

/** Profile fields CometChat can clear on update. */
export type UnsettableField = 'avatar' | 'link' | 'metadata'

/** What `users.update` accepts: fields to set, and `unset` to clear avatar, link or metadata. */
export type UserPatch = Partial<Omit<NewUser, 'uid' | 'withAuthToken'>> & {
  unset?: UnsettableField[]
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
  avatar?: string
  metadata?: Record<string, unknown>
  tags?: string[]
}
