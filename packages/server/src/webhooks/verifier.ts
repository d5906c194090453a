/** What a webhook verifier decided about one request. */
export type WebhookVerdict =
  | {
      ok: true
      /** The delivery's stable message id (the same on every retry), when the scheme has one. */
      id?: string
    }
  | { ok: false; code: 'BAD_SIGNATURE' | 'STALE_TIMESTAMP'; message: string }

/** Checks that a raw body was sent by whoever holds the secret, recently. */
export type WebhookVerifier = (
  rawBody: string,
  headers: Headers,
) => WebhookVerdict | Promise<WebhookVerdict>
