// The user's own modules that README snippets import (a Next.js app's `@/lib/…`).
declare module '@/lib/auth' {
  /** The app's user from its own session cookie (NextAuth, Clerk, …). */
  export function getSignedInUser(request?: Request): Promise<{ id: string; name: string } | null>
}
declare module '@/lib/callsession' {
  export const tokenHandler: (request: Request) => Promise<Response>
}
