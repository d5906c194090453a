export type { Fault, LogEntry } from './faults.js'
export {
  EMULATOR_DEFAULTS,
  type EmulatorOptions,
  type RunningEmulator,
  type SdkHosts,
  startEmulator,
} from './startEmulator.js'
export type { Snapshot, StoredToken, StoredUser } from './types.js'
