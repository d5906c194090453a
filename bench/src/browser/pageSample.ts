import type { BuiltPage } from './buildPage.js'
import type { LoadSample, ResourceSample } from './measureLoad.js'

/** The critical path of one cold visit, in ms from navigation start. */
export interface CriticalPath {
  authenticated: number
  callToken: number
  firstPaint: number | undefined
  signInStart: number | undefined
  sdkStart: number
  sdkFetch: number
  sdkEnd: number
  /** From the SDK chunk's last byte to its module being usable (compile + evaluate). */
  sdkEvaluation: number | undefined
  /** Bytes of the SDK chunk on the wire (gzip + headers). */
  sdkTransfer: number
  tokenStart: number
  tokenRequest: number
  /** CometChat's check of the fresh auth token (4.2.6: the first `POST call_tokens`). */
  loginRoundTrip: number
}

const isFile = (resource: ResourceSample, fileName: string) =>
  new URL(resource.name).pathname === `/${fileName}`

/** Reads a visit's marks and Resource Timing into the parts of the critical path. */
export function criticalPath(page: BuiltPage, sample: LoadSample): CriticalPath {
  if (sample.failed) throw new Error(`${page.name}: the page failed: ${sample.failed}`)
  const { marks, resources } = sample
  const sdkFile = page.sdkChunk?.fileName
  const sdk = resources.find((resource) => sdkFile && isFile(resource, sdkFile))
  const token = resources.find((resource) => new URL(resource.name).pathname === '/api/token')
  const callTokens = resources
    .filter((resource) => new URL(resource.name).pathname.endsWith('/call_tokens'))
    .sort((a, b) => a.startTime - b.startTime)
  const login = callTokens[0]
  const authenticated = marks['bench:authenticated']
  const callToken = marks['bench:call-token']
  if (!sdk || !token || !login || authenticated === undefined || callToken === undefined) {
    throw new Error(`${page.name}: incomplete sample ${JSON.stringify(sample)}`)
  }
  const evaluated = marks['bench:sdk-evaluated']
  return {
    authenticated,
    callToken,
    firstPaint: sample.firstPaint,
    signInStart: marks['bench:sign-in-start'],
    sdkStart: sdk.startTime,
    sdkFetch: sdk.responseEnd - sdk.startTime,
    sdkEnd: sdk.responseEnd,
    sdkEvaluation: evaluated === undefined ? undefined : evaluated - sdk.responseEnd,
    sdkTransfer: sdk.transferSize,
    tokenStart: token.startTime,
    tokenRequest: token.responseEnd - token.startTime,
    loginRoundTrip: login.responseEnd - login.startTime,
  }
}
