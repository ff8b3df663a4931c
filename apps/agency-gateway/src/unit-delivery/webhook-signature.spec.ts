import { createHmac } from 'node:crypto';
import { backoffMs, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret', () => {
    const expected = createHmac('sha256', 's3cret')
      .update('1733300000.{"a":"联动"}')
      .digest('hex');
    expect(signWebhook('s3cret', '1733300000', '{"a":"联动"}')).toBe(
      `sha256=${expected}`,
    );
  });

  it('refuses a signature made with another secret or timestamp', () => {
    const signature = signWebhook('s3cret', '1', 'body');
    expect(verifyWebhook('s3cret', '1', 'body', signature)).toBe(true);
    expect(verifyWebhook('other', '1', 'body', signature)).toBe(false);
    expect(verifyWebhook('s3cret', '2', 'body', signature)).toBe(false);
  });
});

describe('webhook backoff', () => {
  it('doubles the delay after each failed attempt up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 100, 1000))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});
