import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import type { WebhookVerifier } from './verifier.js'

/**
 * Verifies the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`)
 * with the `standardwebhooks` package, as Svix-based providers such as Clerk sign them. Svix's own
 * header names (`svix-id`, `svix-timestamp`, `svix-signature`) are accepted too. The library refuses
 * a timestamp more than 5 minutes away from now; a replay inside that window carries the same
 * `webhook-id`, which the dedupe store answers as a duplicate.
 * @param secret the endpoint's signing secret as the provider shows it (`whsec_…`, base64).
 */
export function standardWebhooks(secret: string): WebhookVerifier {
  const webhook = new Webhook(secret)
  return (rawBody, headers) => {
    const header = (name: string) =>
      headers.get(`webhook-${name}`) ?? headers.get(`svix-${name}`) ?? ''
    const signed = {
      'webhook-id': header('id'),
      'webhook-timestamp': header('timestamp'),
      'webhook-signature': header('signature'),
    }
    try {
      webhook.verify(rawBody, signed, { jsonParse: false })
    } catch (error) {
      const message = error instanceof WebhookVerificationError ? error.message : 'not verified'
      return /timestamp/i.test(message)
        ? { ok: false, code: 'STALE_TIMESTAMP', message: 'timestamp missing or outside 5 minutes' }
        : { ok: false, code: 'BAD_SIGNATURE', message: 'signature does not match' }
    }
    return { ok: true, id: signed['webhook-id'] }
  }
}
