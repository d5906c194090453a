import { CallAppSettings } from './callAppSettingsBuilder.js'
import type { CometChatCallsV5InitResult, CometChatCallsV5Settings } from './types.js'

type Settings = Required<Pick<CometChatCallsV5Settings, 'appId' | 'region'>> &
  Omit<CometChatCallsV5Settings, 'appId' | 'region'>

const REGIONS = ['us', 'eu', 'in']
const OPTIONAL = ['authKey', 'host', 'clientHost', 'adminHost'] as const

/**
 * v5 validates `init`'s settings with a schema: `appId` and `region` strings (region `us`, `eu`
 * or `in` in any case), the rest optional strings. A failure is a resolved
 * `{ success: false, error: { name: 'VALIDATION_ERROR', message: 'Invalid app settings: …' } }`.
 */
export function validateSettings(
  input: unknown,
): { ok: true; settings: Settings } | { ok: false; result: CometChatCallsV5InitResult } {
  const raw = input instanceof CallAppSettings ? fromBuilder(input) : input
  const invalid = (problem: string) => ({
    ok: false as const,
    result: {
      success: false as const,
      error: {
        name: 'VALIDATION_ERROR' as const,
        message: `Invalid app settings: ${problem}` as const,
        timestamp: Date.now(),
      },
    },
  })
  if (typeof raw !== 'object' || raw === null) return invalid('settings must be an object')
  const record = raw as Record<string, unknown>
  if (typeof record.appId !== 'string') return invalid('appId must be a string')
  if (typeof record.region !== 'string' || !REGIONS.includes(record.region.toLowerCase())) {
    return invalid('region must be one of us, eu, in')
  }
  const settings: Settings = { appId: record.appId, region: record.region.toLowerCase() }
  for (const key of OPTIONAL) {
    const value = record[key]
    if (value === undefined) continue
    if (typeof value !== 'string') return invalid(`${key} must be a string`)
    settings[key] = value
  }
  return { ok: true, settings }
}

function fromBuilder(built: CallAppSettings): Record<string, unknown> {
  const host = built.getHost()
  return {
    appId: built.getAppId(),
    region: built.getRegion(),
    ...(host !== undefined && { host }),
  }
}
