// (d) The floor: the SDK chunk is requested by the HTML itself (a modulepreload link the bench
// build adds), the token request runs while it loads and evaluates, then one login round trip.
import {
  config,
  fetchAuthToken,
  MARKS,
  mark,
  ROOM,
  VERIFY_SESSION_ID,
  v4Host,
} from '../common/benchPage.js'

mark(MARKS.signInStart)
const sdk = import('@cometchat/calls-sdk-javascript').then(({ CometChatCalls }) => {
  mark(MARKS.sdkEvaluated)
  return CometChatCalls
})
const authToken = fetchAuthToken()

const status = document.createElement('p')
status.textContent = 'authenticating'
document.getElementById('root')?.append(status)

async function signIn() {
  const CometChatCalls = await sdk
  const settings = new CometChatCalls.CallAppSettingsBuilder()
    .setAppId(config.appId)
    .setRegion(config.region)
    .setHost(v4Host(config.host))
    .build()
  await CometChatCalls.init(settings)
  const token = await authToken
  await CometChatCalls.generateToken(VERIFY_SESSION_ID, token)
  mark(MARKS.authenticated)
  status.textContent = 'authenticated'
  await CometChatCalls.generateToken(ROOM, token)
  mark(MARKS.callToken)
}

signIn().catch((error: unknown) => mark(MARKS.failed, String(error)))
