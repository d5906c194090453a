// The several-servers test's CometChat: the emulator in a process of its own, so that the test's
// own work does not delay when it sees requests arrive. Prints "READY <url> <apiKey>".
import { startEmulator } from '@callsession/emulator'

const limit = Number(process.env.EMULATOR_LIMIT)
const emulator = await startEmulator({
  seedSampleUsers: false,
  rateLimits: { core: limit, standard: limit, windowSeconds: 1 },
})
process.stdout.write(`READY ${emulator.url} ${emulator.apiKey}\n`)
process.on('SIGTERM', () => {
  void emulator.close().then(() => process.exit(0))
})
