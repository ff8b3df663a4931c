import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, TOPICS } from '@lianzhi/domain';
import { Outbox } from '@lianzhi/platform';

/**
 * Records the gateway's facts: on its own topic through the outbox, and, in
 * the same transaction, a copy for each unit the fact concerns (its Kafka
 * topic and its webhook subscriptions). Nothing decided can be lost for a
 * unit between a commit and a crash.
 */
@Injectable()
export class UnitFeed {
  constructor(private readonly outbox: Outbox) {}

  /** Publishes the gateway's own events and copies them to the units. */
  async publish(
    manager: EntityManager,
    events: readonly DomainEvent[],
    unitsOf: (event: DomainEvent) => readonly string[],
  ): Promise<void> {
    await this.outbox.append(manager, TOPICS.gateway, events);
    await this.copy(manager, events, unitsOf);
  }

  /** Copies events (the gateway's or routing's) to the units they concern. */
  async copy(
    manager: EntityManager,
    events: readonly DomainEvent[],
    unitsOf: (event: DomainEvent) => readonly string[],
  ): Promise<void> {
    for (const event of events) {
      const units = [...new Set(unitsOf(event))];
      if (units.length === 0) continue;

      const payload = JSON.stringify(event);
      await manager.query(
        `insert into gateway.unit_feed (event_id, unit, case_id, payload)
         select $1, unit, $3, $4 from unnest($2::text[]) as unit
         on conflict (event_id, unit) do nothing`,
        [event.id, units, event.caseId, payload],
      );
      await manager.query(
        `insert into gateway.webhook_deliveries
           (delivery_id, subscription_id, event_id, event_type, payload)
         select gen_random_uuid(), subscription_id, $1, $2, $3
           from gateway.webhook_subscriptions
          where unit = any($4::text[]) and deleted_at is null
         on conflict (subscription_id, event_id) do nothing`,
        [event.id, event.type, payload, units],
      );
    }
  }
}

/** The unit an assignment event names, when it names one. */
export function unitNamedBy(event: DomainEvent): string[] {
  const data = event.data as { unit?: unknown; units?: unknown };
  if (typeof data.unit === 'string') return [data.unit];
  if (Array.isArray(data.units)) {
    return data.units.filter((u): u is string => typeof u === 'string');
  }
  return [];
}
