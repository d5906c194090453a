import { QueryClient } from '@tanstack/query-core'
import { isProductionBuild } from './buildMode.js'
import type { CallsSessionOptions } from './types.js'

const fail = (what: string): never => {
  throw new TypeError(`callsession: ${what}`)
}
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0

/** Checks the options once, at creation (a `TypeError` names the bad one), and fills in defaults. */
export function resolveOptions(options: CallsSessionOptions) {
  const { appId, region, tokenEndpoint, fetchToken, host, clientHost, adminHost } = options
  if (!isText(appId) || !isText(region)) fail('appId and region are required')
  if (!tokenEndpoint === !fetchToken) fail('give exactly one of tokenEndpoint and fetchToken')
  for (const [name, value] of Object.entries({ host, clientHost, adminHost })) {
    if (value !== undefined && !isText(value)) fail(`${name} must be a URL`)
  }
  const number = (name: string, value: number | undefined, fallback: number, min: number) => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      fail(`${name} must be a finite number ≥ ${min}`)
    }
    return value
  }
  return {
    ...options,
    hosts: { host, clientHost, adminHost },
    leewayMs: number('refreshLeewaySeconds', options.refreshLeewaySeconds, 60, 0) * 1000,
    tokenRetries: Math.floor(number('tokenRetries', options.tokenRetries, 3, 0)),
    tokenTimeoutMs: number('tokenTimeoutMs', options.tokenTimeoutMs, 15_000, 1),
    initSdk: options.initSdk ?? true,
    persistSdkSession: options.persistSdkSession ?? true,
    autoRefresh: options.autoRefresh ?? true,
    queryClient: options.queryClient ?? new QueryClient(),
    debug: options.debug === true && !isProductionBuild(),
  }
}

/** The options after `resolveOptions`. */
export type ResolvedOptions = ReturnType<typeof resolveOptions>
