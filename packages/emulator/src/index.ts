export { emulatorControl } from './emulatorControl.js'
export type { Fault, LogEntry } from './faults.js'
export { DataFileError } from './persistence.js'
export { DOCUMENTED_RATE_LIMITS, type RateLimits } from './rateLimit.js'
export {
  EMULATOR_DEFAULTS,
  type EmulatorOptions,
  type RunningEmulator,
  type SdkHosts,
  startEmulator,
} from './startEmulator.js'
export type { Snapshot, StoredToken, StoredUser } from './types.js'
