// @vitest-environment node
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { renderToString } from 'react-dom/server'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { CometChatAuthProvider } from '../CometChatAuthProvider.js'
import { useCallsSession } from '../useCallsSession.js'

const tokenEndpoint = 'http://app.test/api/cometchat/token'
const requests: string[] = []
const server = setupServer(
  http.all('*', ({ request }) => {
    requests.push(request.url)
    return HttpResponse.json({ error: { code: 'UNAUTHORIZED', message: 'no' } }, { status: 401 })
  }),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

function Status() {
  const { status } = useCallsSession()
  return <p>status: {status}</p>
}

it('renders on the server with no window, as authenticating when given a uid, and starts no login there', async () => {
  expect(typeof window).toBe('undefined')
  const fetchToken = vi.fn()
  const html = renderToString(
    <>
      <CometChatAuthProvider appId="app1" region="us" tokenEndpoint={tokenEndpoint} uid="alice">
        <Status />
      </CometChatAuthProvider>
      <CometChatAuthProvider appId="app1" region="us" fetchToken={fetchToken} uid="alice">
        <Status />
      </CometChatAuthProvider>
      <CometChatAuthProvider appId="app1" region="us" fetchToken={fetchToken} uid={null}>
        <Status />
      </CometChatAuthProvider>
      <CometChatAuthProvider appId="app1" region="us" fetchToken={fetchToken}>
        <Status />
      </CometChatAuthProvider>
    </>,
  )
  // A uid means a sign-in is coming: showing `signed-out` first would flash a sign-in screen.
  expect(html.match(/status: (?:<!-- -->)?[\w-]+/g)).toEqual([
    'status: <!-- -->authenticating',
    'status: <!-- -->authenticating',
    'status: <!-- -->signed-out',
    'status: <!-- -->signed-out',
  ])
  await new Promise((resolve) => setImmediate(resolve))
  expect(requests).toEqual([])
  expect(fetchToken).not.toHaveBeenCalled()
})
