// What a Next.js app imports from next-auth on the client.
export { SessionProvider, useSession } from 'next-auth/react'
