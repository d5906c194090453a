/**
 * True when a browser sent this request from a site the app did not allow. With `allowedOrigins`,
 * an `Origin` outside the list is refused, and so is `Sec-Fetch-Site: cross-site` without an allowed
 * `Origin`. Without it, only `Sec-Fetch-Site: cross-site` is refused. Requests with neither header
 * (not from a browser) pass: `authenticate` still decides who they are.
 */
export function isCrossSite(request: Request, allowedOrigins?: readonly string[]): boolean {
  const origin = request.headers.get('origin')
  const site = request.headers.get('sec-fetch-site')
  if (allowedOrigins === undefined) return site === 'cross-site'
  if (origin !== null) return !allowedOrigins.includes(origin)
  return site === 'cross-site' || site === 'same-site'
}
