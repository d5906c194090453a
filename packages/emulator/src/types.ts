/** A user as the emulator stores and answers it (CometChat's field names). */
export interface StoredUser {
  uid: string
  name: string
  avatar?: string | undefined
  link?: string | undefined
  role: string
  statusMessage?: string | undefined
  metadata?: Record<string, unknown> | undefined
  tags?: string[] | undefined
  status: 'offline' | 'online'
  createdAt: number
  updatedAt?: number | undefined
  /** Unix seconds; set while soft-deleted. */
  deactivatedAt?: number | undefined
}

/** An auth token: `uid_<unix><hex>` like CometChat's. */
export interface StoredToken {
  uid: string
  authToken: string
  createdAt: number
}

/** Everything the emulator persists. */
export interface Snapshot {
  users: StoredUser[]
  tokens: StoredToken[]
  tokenTtlSeconds: number | null
}
