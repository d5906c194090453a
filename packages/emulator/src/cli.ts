#!/usr/bin/env node
// callsession-emulator [--port 8787] [--host 127.0.0.1] [--data-file ./cometchat.json] [--token-ttl 3600] [--allowed-host name]…
import { parseArgs } from 'node:util'
import { startEmulator } from './startEmulator.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string' },
    'data-file': { type: 'string' },
    'token-ttl': { type: 'string' },
    'app-id': { type: 'string' },
    'allowed-host': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(
    'callsession-emulator [--port 8787] [--host 127.0.0.1] [--data-file file.json] [--token-ttl seconds] [--app-id id] [--allowed-host name]…',
  )
  process.exit(0)
}
const port = Number(values.port)
const ttl = values['token-ttl'] === undefined ? undefined : Number(values['token-ttl'])
if (!Number.isInteger(port) || port < 0 || port > 65535 || (ttl !== undefined && !(ttl > 0))) {
  console.error('callsession-emulator: --port must be 0-65535 and --token-ttl a positive number')
  process.exit(2)
}
const emulator = await startEmulator({
  port,
  ...(values['allowed-host'] && { allowedHosts: values['allowed-host'] }),
  ...(values.host && { host: values.host }),
  ...(values['data-file'] && { dataFile: values['data-file'] }),
  ...(values['app-id'] && { appId: values['app-id'] }),
  ...(ttl !== undefined && { tokenTtlSeconds: ttl }),
}).catch((error: unknown) => {
  // A locked or corrupt data file, a busy port: say what and exit, no stack trace.
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
console.log(`CometChat emulator listening on ${emulator.url}
  REST API (plays https://{appId}.api-{region}.cometchat.io/v3): ${emulator.restBaseUrl}
  Calls SDK 4.2.6 host (CallAppSettingsBuilder().setHost):     ${emulator.callsHost}
  Calls SDK v5 init({ host, clientHost, adminHost }):
    host       ${emulator.sdkHosts.host}
    clientHost ${emulator.sdkHosts.clientHost}
    adminHost  ${emulator.sdkHosts.adminHost}
  Controls (apiKey header required):                            ${emulator.url}/__emulator/
  appId ${emulator.appId}   region ${emulator.region}
  apiKey ${emulator.apiKey} (server only)   authKey ${emulator.authKey} (development only)
  Sample users: cometchat-uid-1 … cometchat-uid-5${values['data-file'] ? `\n  Data file: ${values['data-file']}` : ''}`)
const stop = async () => {
  await emulator.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
