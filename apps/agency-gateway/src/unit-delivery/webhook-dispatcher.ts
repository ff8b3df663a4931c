import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GATEWAY_SETTINGS, GatewaySettings } from '../gateway.settings';
import { checkDeliveryTarget, checkWebhookUrl } from './webhook-address';
import { backoffMs, signWebhook } from './webhook-signature';

interface DueDelivery {
  delivery_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

const CLAIM = 20;

/**
 * Delivers the units' events to their webhook subscriptions from
 * `gateway.webhook_deliveries`: claimed in a short transaction with a lease,
 * posted outside it, retried with exponential backoff until a 2xx answer,
 * and never again after one. A delivery still failing after
 * `webhookMaxAttempts`, or whose url can never be called, is given up
 * ('dead'). Every attempt is logged for the unit to read.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.deliveryPollMs > 0) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Attempts every delivery that is due; returns how many succeeded. */
  async runOnce(): Promise<number> {
    const due = await this.claim();
    const outcomes = await Promise.all(due.map((d) => this.attempt(d)));
    return outcomes.filter(Boolean).length;
  }

  private async claim(): Promise<DueDelivery[]> {
    const leaseMs = this.settings.webhookTimeoutMs + 5_000;
    return this.dataSource.transaction(async (manager) => {
      const due: DueDelivery[] = await manager.query(
        `select d.delivery_id, d.subscription_id, d.event_id, d.event_type,
                d.payload, d.attempts, s.url, s.secret
           from gateway.webhook_deliveries d
           join gateway.webhook_subscriptions s using (subscription_id)
          where d.state = 'pending' and d.next_attempt_at <= now()
            and s.deleted_at is null
          order by d.next_attempt_at, d.created_at
          limit $1
          for update of d skip locked`,
        [CLAIM],
      );
      if (due.length === 0) return [];

      // The lease: a crashed attempt becomes due again once it runs out.
      await manager.query(
        `update gateway.webhook_deliveries
            set attempts = attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
          where delivery_id = any($1::uuid[])`,
        [due.map((d) => d.delivery_id), leaseMs],
      );
      return due.map((d) => ({ ...d, attempts: d.attempts + 1 }));
    });
  }

  private async attempt(delivery: DueDelivery): Promise<boolean> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const started = Date.now();
    const allowPrivate = this.settings.webhookAllowPrivate;
    let statusCode: number | null = null;
    let error: string | null = null;
    // A url refused by its text alone (registered before the rules, or by
    // hand) fails the same way every time: no point retrying it.
    const hopeless = checkWebhookUrl(delivery.url, allowPrivate) !== null;

    try {
      const refused = await checkDeliveryTarget(delivery.url, allowPrivate);
      if (refused) {
        error = `not attempted: ${refused.detail}`;
      } else {
        const response = await fetch(delivery.url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(this.settings.webhookTimeoutMs),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'lianzhi-agency-gateway',
            'x-lianzhi-timestamp': timestamp,
            'x-lianzhi-signature': signWebhook(delivery.secret, timestamp, delivery.payload),
            'x-lianzhi-event-id': delivery.event_id,
            'x-lianzhi-event-type': delivery.event_type,
            'x-lianzhi-delivery': delivery.delivery_id,
          },
          body: delivery.payload,
        });
        statusCode = response.status;
        await response.body?.cancel().catch(() => undefined);
        if (statusCode < 200 || statusCode >= 300) {
          error = `the receiver answered ${statusCode}`;
        }
      }
    } catch (failure) {
      error = (failure as Error).message;
    }

    const delivered = error === null;
    const giveUp =
      !delivered &&
      (hopeless || delivery.attempts >= this.settings.webhookMaxAttempts);
    await this.record(delivery, statusCode, error, Date.now() - started, giveUp);
    if (!delivered) {
      this.logger.warn({
        msg: giveUp
          ? 'webhook delivery failed; given up'
          : 'webhook delivery failed; will retry',
        eventId: delivery.event_id,
        subscriptionId: delivery.subscription_id,
        attempt: delivery.attempts,
        statusCode,
      });
    }
    return delivered;
  }

  private async record(
    delivery: DueDelivery,
    statusCode: number | null,
    error: string | null,
    durationMs: number,
    giveUp: boolean,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `insert into gateway.webhook_attempts
           (delivery_id, subscription_id, event_id, attempt, status_code,
            error, duration_ms)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          delivery.delivery_id,
          delivery.subscription_id,
          delivery.event_id,
          delivery.attempts,
          statusCode,
          error,
          durationMs,
        ],
      );

      if (error === null) {
        await manager.query(
          `update gateway.webhook_deliveries
              set state = 'delivered', delivered_at = now()
            where delivery_id = $1`,
          [delivery.delivery_id],
        );
        return;
      }

      if (giveUp) {
        await manager.query(
          `update gateway.webhook_deliveries set state = 'dead'
            where delivery_id = $1 and state = 'pending'`,
          [delivery.delivery_id],
        );
        return;
      }

      const delay = backoffMs(
        delivery.attempts,
        this.settings.webhookBackoffMs,
        this.settings.webhookMaxBackoffMs,
      );
      await manager.query(
        `update gateway.webhook_deliveries
            set next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
          where delivery_id = $1 and state = 'pending'`,
        [delivery.delivery_id, delay],
      );
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: Error) => {
          this.logger.warn({ msg: 'webhook dispatch failed', error: error.message });
        })
        .finally(() => this.schedule());
    }, this.settings.deliveryPollMs);
  }
}
