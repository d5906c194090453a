// The same TanStack Query app with sign-in to CometChat Calls (sharing the app's QueryClient).
import { CometChatAuthProvider, useCallsSession } from '@callsession/react'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

const queryClient = new QueryClient()

function App() {
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => (await fetch('/api/me')).json() as Promise<{ name: string }>,
  })
  const status = useCallsSession((s) => s.status)
  return (
    <p>
      {me.data?.name ?? 'loading'} ({status})
    </p>
  )
}

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <CometChatAuthProvider appId="app" region="us" tokenEndpoint="/api/token" uid={null}>
          <App />
        </CometChatAuthProvider>
      </QueryClientProvider>
    </StrictMode>,
  )
