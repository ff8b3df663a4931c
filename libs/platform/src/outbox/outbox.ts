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
    const insert = this.insertion(topic, events, traces, 1);
    await manager.query(insert.sql, insert.params);
    await manager.query(`select pg_notify($1, '')`, [this.channel]);
  }

  /**
   * The outbox insert as one statement with its parameters numbered from
   * `firstParam`, for a caller that writes its own rows and the events in a
   * single statement (one round trip, atomic without a transaction). The
   * caller also runs `select pg_notify(<channel>, '')` in that statement.
   */
  insertion(
    topic: string,
    events: readonly DomainEvent[],
    traces: readonly (Context | undefined)[] | undefined,
    firstParam: number,
  ): { sql: string; params: unknown[] } {
    const active: Record<string, string> = {};
    propagation.inject(context.active(), active);

    const rows = events.map((event, i) => {
      let headers = active;
      const own = traces?.[i];
      if (own) {
        headers = {};
        propagation.inject(own, headers);
      }
      return {
        event_id: event.id,
        key: event.caseId,
        payload: JSON.stringify(event),
        headers: { ...headers, 'event-type': event.type },
      };
    });

    return {
      sql: `insert into "${this.config.schema}".outbox
              (event_id, topic, key, payload, headers)
            select event_id, $${firstParam}, key, payload, headers
              from rows from (jsonb_to_recordset($${firstParam + 1}::jsonb)
                     as (event_id uuid, key text, payload text, headers jsonb))
                   with ordinality as x(event_id, key, payload, headers, n)
             order by n
            on conflict (event_id) do nothing`,
      params: [topic, JSON.stringify(rows)],
    };
  }

  get channel(): string {
    return `${this.config.schema}_outbox`;
  }
}
