/** A user as the emulator stores and answers it (CometChat's field names). */
export interface StoredUser {
  uid: string
  name: string
  avatar?: string
  link?: string
  role: string
  statusMessage?: string
  metadata?: Record<string, unknown>
  tags?: string[]
  status: 'offline' | 'online'
  createdAt: number
  updatedAt?: number
  /** Unix seconds; set while soft-deleted. */
  deactivatedAt?: number
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
