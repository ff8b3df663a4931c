import { Inject, Injectable } from '@nestjs/common';
import { context, Context, propagation } from '@opentelemetry/api';
import { EntityManager } from 'typeorm';
import { DomainEvent } from '@lianzhi/domain';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';

/**
 * Writes events into the service's outbox inside the caller's transaction,
 * so a fact is stored if and only if it will be published.
 *
 * Callers that write several events for one case must hold a lock on the
 * case's row first: that makes outbox order equal commit order per case.
 */
@Injectable()
export class Outbox {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  /**
   * `traces`, when given, is the trace each event continues (one per event,
   * as a batch consumer has them); otherwise every event continues the
   * active one.
   */
  async append(
    manager: EntityManager,
    topic: string,
    events: readonly DomainEvent[],
    traces?: readonly (Context | undefined)[],
  ): Promise<void> {
    if (events.length === 0) return;

    const active: Record<string, string> = {};
    propagation.inject(context.active(), active);

    const values: unknown[] = [];
    const rows = events.map((event, i) => {
      const base = i * 5;
      let headers = active;
      const own = traces?.[i];
      if (own) {
        headers = {};
        propagation.inject(own, headers);
      }
      values.push(
        event.id,
        topic,
        event.caseId,
        JSON.stringify(event),
        JSON.stringify({ ...headers, 'event-type': event.type }),
      );
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5})`;
    });

    await manager.query(
      `insert into "${this.config.schema}".outbox
         (event_id, topic, key, payload, headers)
       values ${rows.join(', ')}
       on conflict (event_id) do nothing`,
      values,
    );
    await manager.query(`select pg_notify($1, '')`, [this.channel]);
  }

  get channel(): string {
    return `${this.config.schema}_outbox`;
  }
}
