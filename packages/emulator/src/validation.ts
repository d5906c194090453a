import type { StoredUser } from './types.js'

/** CometChat's uid rule: alphanumeric with `_` and `-`, at most 100 characters. */
export const UID = /^[a-zA-Z0-9_-]{1,100}$/

export type FieldErrors = Record<string, string[]>

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const isUrl = (v: string) => {
  try {
    const url = new URL(v)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

type Profile = Omit<StoredUser, 'uid' | 'status' | 'createdAt' | 'role'> & { role?: string }

/** Fields an update may clear with `unset` (CometChat's update docs). */
export const UNSETTABLE = ['avatar', 'link', 'metadata'] as const
export type Unsettable = (typeof UNSETTABLE)[number]

/**
 * Validates the profile fields of a create (`creating`: uid and name required) or an update, the
 * way CometChat's docs state the limits. Returns the clean fields (and, on update, the fields to
 * clear with `unset`) or the errors per field.
 */
export function validateUser(
  body: unknown,
  creating: boolean,
):
  | { ok: true; uid: string; fields: Partial<Profile>; unset: Unsettable[] }
  | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message]
  }
  if (!isRecord(body)) return { ok: false, errors: { body: ['must be a JSON object'] } }
  const uid = body.uid
  if (creating && (typeof uid !== 'string' || !UID.test(uid))) {
    add('uid', 'required; alphanumeric with _ and -, at most 100 characters')
  }
  const fields: Partial<Profile> = {}
  const text = (key: 'name' | 'avatar' | 'link' | 'statusMessage' | 'role', max: number) => {
    const value = body[key]
    if (value === undefined) return
    if (typeof value !== 'string') return add(key, 'must be a string')
    if ([...value].length > max) return add(key, `at most ${max} characters`)
    if ((key === 'avatar' || key === 'link') && value !== '' && !isUrl(value)) {
      return add(key, 'must be an http(s) URL')
    }
    fields[key] = value
  }
  text('name', 100)
  text('avatar', 3000)
  text('link', 3000)
  text('statusMessage', 140)
  text('role', 100)
  if (creating && (typeof body.name !== 'string' || body.name.trim() === ''))
    add('name', 'required')
  if (body.metadata !== undefined) {
    if (!isRecord(body.metadata)) add('metadata', 'must be an object')
    else if (Buffer.byteLength(JSON.stringify(body.metadata)) > 5 * 1024)
      add('metadata', 'at most 5 KB')
    else fields.metadata = body.metadata
  }
  if (body.tags !== undefined) {
    const { tags } = body
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
      add('tags', 'must be strings')
    else if (tags.length > 25) add('tags', 'at most 25')
    else if (tags.some((t: string) => t.length > 100)) add('tags', 'each at most 100 characters')
    else fields.tags = tags
  }
  const unset: Unsettable[] = []
  if (body.unset !== undefined) {
    const list = body.unset
    if (creating) add('unset', 'only on update')
    else if (
      !Array.isArray(list) ||
      list.some((f) => !(UNSETTABLE as readonly unknown[]).includes(f))
    )
      add('unset', `must list only ${UNSETTABLE.join(', ')}`)
    else
      for (const field of list as Unsettable[]) {
        if (field in fields) add('unset', `${field} is both set and unset`)
        unset.push(field)
      }
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, uid: typeof uid === 'string' ? uid.toLowerCase() : '', fields, unset }
}
