/** The demo backend's answers. */
export interface AppUser {
  id: string
  name: string
  avatar?: string
}

export type { PublicConfig } from '../server/createApi.js'

export interface ImportJob {
  id: string
  status: 'running' | 'done' | 'failed'
  done: number
  total: number
  summary?: {
    total: number
    created: number
    skipped: number
    invalid: { line: number; code: string; message: string }[]
    failed: { line: number; uid: string; code: string; message: string }[]
  }
  error?: string
  /** Users per second, when the backend measures it (newer backends); else the page estimates it. */
  ratePerSecond?: number
  rate?: number
  /** Seconds left, when the backend estimates it. */
  etaSeconds?: number
  eta?: number
}

/** An error the backend answered, with its code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** JSON over fetch with the app's cookie; non-2xx answers become `ApiError`s. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  if (response.status === 204) return undefined as T
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string } })
    | null
  if (!response.ok) {
    const code = body?.error?.code ?? `HTTP_${response.status}`
    throw new ApiError(response.status, code, body?.error?.message ?? code)
  }
  return body as T
}
