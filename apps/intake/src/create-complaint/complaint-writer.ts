import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ComplaintReceived, TOPICS } from '@lianzhi/domain';
import { Outbox } from '@lianzhi/platform';

/** A case ready to be written: its rows and its event. */
export interface NewCase {
  readonly row: {
    id: string;
    case_number: string;
    channel: string;
    urgency: string;
    category: string | null;
    title: string | null;
    description: string;
    address: object;
    address_key: string;
    township: string | null;
    happened_at: string | null;
    received_at: string;
    caller_id: string | null;
    caller_name: string | null;
    caller_phone: string | null;
    anonymous: boolean;
    confidential: boolean;
    property_company: string | null;
    attachments: object[];
    received_by: string;
    steps: object[];
  };
  readonly event: ComplaintReceived;
}

interface Waiting {
  readonly next: NewCase;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const MAX_BATCH = 100;

/**
 * Writes new cases with their callers, progress rows and ComplaintReceived
 * events. Complaints that arrive in the same turn of the event loop share
 * one statement (cases, callers, progress, events): under load that keeps the
 * database from being the limit. Each case has a single event here, so
 * sharing a statement cannot reorder anything.
 */
@Injectable()
export class ComplaintWriter {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Inside a caller's transaction (idempotent requests), or on its own: the
   * cases, callers, progress rows, events and the relay's wake-up are one
   * statement, atomic even outside a transaction, and one round trip.
   */
  async write(runner: DataSource | EntityManager, cases: readonly NewCase[]): Promise<void> {
    const events = this.outbox.insertion(
      TOPICS.intake,
      cases.map((c) => c.event),
      undefined,
      2,
    );
    await runner.query(
      `with input as (
         select * from jsonb_to_recordset($1::jsonb) as x(
           id uuid, case_number text, channel text, urgency text,
           category text, title text, description text, address jsonb,
           address_key text, township text, happened_at timestamptz,
           received_at timestamptz, caller_id uuid, caller_name text,
           caller_phone text, anonymous boolean, confidential boolean,
           property_company text, attachments jsonb, received_by text,
           steps jsonb)
       ), callers as (
         insert into intake.callers (id, case_id, name, phone, confidential)
         select caller_id, id, caller_name, caller_phone, confidential
           from input where caller_id is not null
       ), opened as (
         insert into intake.cases
           (id, case_number, channel, urgency, category, title, description,
            address, address_key, township, happened_at, received_at,
            caller_id, anonymous, confidential, property_company,
            attachments, received_by)
         select id, case_number, channel, urgency, category, title,
                description, address, address_key, township, happened_at,
                received_at, caller_id, anonymous, confidential,
                property_company, attachments, received_by
           from input
       ), progress as (
         insert into intake.case_progress
           (case_id, case_number, status, township, steps, updated_at)
         select id, case_number, 'received', township, steps, received_at
           from input
       ), events as (
         ${events.sql}
       )
       select pg_notify($4, '')`,
      [JSON.stringify(cases.map((c) => c.row)), ...events.params, this.outbox.channel],
    );
  }

  /** On its own, batched with whatever else is being accepted right now. */
  enqueue(next: NewCase): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ next, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      void this.commit(batch);
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      await this.write(this.dataSource, batch.map((w) => w.next));
      batch.forEach((w) => w.resolve());
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // One bad case must not fail its neighbours: retry each on its own.
      await Promise.all(batch.map((w) => this.commit([w])));
    }
  }
}
