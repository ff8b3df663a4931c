/** What the gateway reads from its environment beyond the platform's config. */
export interface GatewaySettings {
  /** Share of a limit after which 催办 is issued as 'approaching'. */
  readonly reminderShare: number;
  /** How often the reminder scheduler runs; 0 turns the timer off. */
  readonly reminderIntervalMs: number;
  /** First retry delay of a failed webhook delivery; doubles each attempt. */
  readonly webhookBackoffMs: number;
  readonly webhookMaxBackoffMs: number;
  readonly webhookTimeoutMs: number;
  /**
   * Attempts after which a delivery is given up ('dead'); one that can never
   * succeed (a url that cannot be called at all) is given up at once.
   */
  readonly webhookMaxAttempts: number;
  /**
   * Whether webhooks may point at loopback, private and link-local
   * addresses. Off by default: only a deployment whose units' systems live
   * on the internal network, or a test with a local receiver, turns it on.
   */
  readonly webhookAllowPrivate: boolean;
  /** How often the delivery worker looks for work; 0 turns it off. */
  readonly deliveryPollMs: number;
}

export const GATEWAY_SETTINGS = Symbol('GATEWAY_SETTINGS');

export function readGatewaySettings(
  env: NodeJS.ProcessEnv = process.env,
): GatewaySettings {
  const share = Number(env.GATEWAY_REMINDER_SHARE ?? 0.8);
  if (!Number.isFinite(share) || share <= 0 || share >= 1) {
    throw new Error('GATEWAY_REMINDER_SHARE must be between 0 and 1');
  }

  const webhookMaxAttempts = Number(env.GATEWAY_WEBHOOK_MAX_ATTEMPTS ?? 20);
  if (!Number.isInteger(webhookMaxAttempts) || webhookMaxAttempts < 1) {
    throw new Error('GATEWAY_WEBHOOK_MAX_ATTEMPTS must be a whole number ≥ 1');
  }

  return {
    reminderShare: share,
    reminderIntervalMs: Number(env.GATEWAY_REMINDER_INTERVAL_MS ?? 5_000),
    webhookBackoffMs: Number(env.GATEWAY_WEBHOOK_BACKOFF_MS ?? 5_000),
    webhookMaxBackoffMs: Number(
      env.GATEWAY_WEBHOOK_MAX_BACKOFF_MS ?? 60 * 60 * 1000,
    ),
    webhookTimeoutMs: Number(env.GATEWAY_WEBHOOK_TIMEOUT_MS ?? 10_000),
    deliveryPollMs: Number(env.GATEWAY_DELIVERY_POLL_MS ?? 500),
    webhookMaxAttempts,
    webhookAllowPrivate: env.GATEWAY_WEBHOOK_ALLOW_PRIVATE === '1',
  };
}
