/** Where the Calls SDK sends its requests, when not CometChat's own hosts (the emulator, a proxy). */
export interface SdkHostOptions {
  /** Calls API base (v5 `host`, 4.x `setHost`), e.g. the emulator's `sdkHosts.host`. A trailing `/` does not matter. */
  host?: string | undefined
  /** v5 client API base (token login, `/me`). A trailing `/` does not matter. */
  clientHost?: string | undefined
  /** v5 admin API base (the development Auth-Key step). A trailing `/` does not matter. */
  adminHost?: string | undefined
}

const trimmed = (url: string) => url.replace(/\/+$/, '')

/** v5 builds `${base}/${endpoint}`: each override without its trailing slashes. */
export function v5Hosts({ host, clientHost, adminHost }: SdkHostOptions) {
  return {
    ...(host && { host: trimmed(host) }),
    ...(clientHost && { clientHost: trimmed(clientHost) }),
    ...(adminHost && { adminHost: trimmed(adminHost) }),
  }
}

/** 4.x's `setHost` replaces the whole base and appends endpoints directly: exactly one trailing slash. */
export const v4Host = (host: string | undefined) => (host ? `${trimmed(host)}/` : undefined)

/** The same hosts in one canonical string, to tell two configurations apart. */
export const hostsKey = (hosts: SdkHostOptions) => JSON.stringify(v5Hosts(hosts))
