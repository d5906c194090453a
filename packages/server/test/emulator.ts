import { createCometChatClient } from '../src/client/createCometChatClient.js'

/** The part of `@callsession/emulator` these tests use (as its brief describes it). */
export interface RunningEmulator {
  url: string
  restBaseUrl: string
  close(): Promise<void> | void
}
type StartEmulator = (options: { port: number; apiKey: string }) => Promise<RunningEmulator>

export const EMULATOR_KEY = 'emulator_SECRET_rest_key_42'

/** Loads startEmulator when the emulator package has landed; undefined otherwise (tests then skip). */
export async function loadStartEmulator(): Promise<StartEmulator | undefined> {
  try {
    const mod = (await import('@callsession/emulator')) as Record<string, unknown>
    return typeof mod.startEmulator === 'function'
      ? (mod.startEmulator as StartEmulator)
      : undefined
  } catch {
    return undefined
  }
}

export function emulatorClient(emulator: RunningEmulator) {
  return createCometChatClient({
    appId: 'emu',
    region: 'us',
    apiKey: EMULATOR_KEY,
    baseUrl: emulator.restBaseUrl,
    retryDelayMs: 1,
    maxDelayMs: 50,
  })
}
