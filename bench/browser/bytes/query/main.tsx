// A fresh React app that already uses TanStack Query (the baseline for apps that have it).
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

const queryClient = new QueryClient()

function App() {
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => (await fetch('/api/me')).json() as Promise<{ name: string }>,
  })
  return <p>{me.data?.name ?? 'loading'}</p>
}

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  )
