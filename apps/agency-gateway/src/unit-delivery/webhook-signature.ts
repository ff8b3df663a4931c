import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Lianzhi-Signature: sha256=<hex>`, the HMAC-SHA256 of
 * "<timestamp>.<body>" with the subscription's secret. The timestamp is
 * signed too, so a receiver can refuse replays of old deliveries.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`);
  return `sha256=${mac.digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Exponential backoff: base, 2×base, 4×base … up to the cap. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
