import type { CometChatCallsSdk } from './sdkTypes.js'

let loading: Promise<CometChatCallsSdk> | undefined

/**
 * Starts loading `@cometchat/calls-sdk-javascript` now, so that it is ready (or nearly) when the
 * user signs in: call it at module top level or on your login page. Idempotent; the chunk loads
 * once. Without it, the SDK loads on first sign-in, in parallel with the token request.
 * @example preloadCallsSdk() // in your app's entry, or on the login route
 */
export function preloadCallsSdk(): Promise<CometChatCallsSdk> {
  loading ??= import('@cometchat/calls-sdk-javascript').then(
    (module: { CometChatCalls?: unknown; default?: { CometChatCalls?: unknown } }) =>
      (module.CometChatCalls ?? module.default?.CometChatCalls) as CometChatCallsSdk,
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}
