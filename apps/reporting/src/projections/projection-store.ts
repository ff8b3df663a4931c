import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, DomainEvent } from '@lianzhi/domain';
import { SERVICE_CONFIG, ServiceConfig } from '@lianzhi/platform';
import { markDirty } from '../dashboard/daily-figures';
import { AssignmentRow, CaseRow, projectCase } from './case-projector';
import { tableName } from './projection-tables';

const CASE_COLUMNS = [
  'case_id',
  'case_number',
  'township',
  'property_company',
  'units',
  'channel',
  'urgency',
  'received_at',
  'status',
  'closed_at',
  'resolved',
  'reopen_count',
  'repeat_count',
  'satisfied',
  'satisfaction',
  'hops',
  'joint',
  'arbitration',
  'first_dispatch_accurate',
  'supervision_orders',
  'last_event_at',
];

const ASSIGNMENT_COLUMNS = [
  'assignment_id',
  'case_id',
  'unit',
  'township',
  'property_company',
  'role',
  'decision_id',
  'issued_at',
  'acknowledge_due_at',
  'resolve_due_at',
  'acknowledged_at',
  'resolved_at',
  'returned',
  'transferred',
  'extended',
  'closed',
  'reopen_count',
  'supervision_orders',
  'escalation_step',
];

/**
 * Writes the projections. Each event is stored once by id; the case's rows
 * are then computed again from all its stored events, never incremented, so
 * late, repeated or reordered deliveries leave every figure as it should be.
 */
@Injectable()
export class ProjectionStore {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  get schema(): string {
    return this.config.schema;
  }

  /** Stores one event and refreshes its case; false when already stored. */
  async apply(
    manager: EntityManager,
    event: DomainEvent,
    topic: string,
    suffix = '',
  ): Promise<boolean> {
    // One case at a time: two partitions carrying events of the same case
    // would otherwise each recompute without the other's event.
    await manager.query(`select pg_advisory_xact_lock(hashtext($1))`, [
      `${this.schema}.case:${event.caseId}`,
    ]);

    const stored = await manager.query(
      `insert into ${tableName(this.schema, 'events', suffix)}
         (id, case_id, type, occurred_at, actor, data, topic)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (id) do nothing
       returning id`,
      [
        event.id,
        event.caseId,
        event.type,
        event.occurredAt,
        JSON.stringify(event.actor),
        JSON.stringify(event.data),
        topic,
      ],
    );
    if (stored.length === 0) return false;

    try {
      await this.recompute(manager, event.caseId, suffix);
    } catch (error) {
      if (!isMalformed(error)) throw error;
      // A contract-shaped envelope with unusable data would otherwise block
      // its partition forever: as a domain error it is dead-lettered and the
      // savepoint drops the stored copy.
      throw new DomainError(
        'EVENT.INVALID',
        `${event.type} ${event.id} cannot be projected: ${(error as Error).message}`,
        'data',
      );
    }
    return true;
  }

  /** The stored events of a case, as envelopes. */
  async eventsOf(
    manager: EntityManager,
    caseId: string,
    suffix = '',
  ): Promise<DomainEvent[]> {
    const rows: {
      id: string;
      case_id: string;
      type: string;
      occurred_at: Date;
      actor: unknown;
      data: unknown;
    }[] = await manager.query(
      `select id, case_id, type, occurred_at, actor, data
         from ${tableName(this.schema, 'events', suffix)}
        where case_id = $1
        order by occurred_at, id`,
      [caseId],
    );
    return rows.map(
      (row) =>
        ({
          type: row.type,
          version: 1,
          id: row.id,
          caseId: row.case_id,
          occurredAt: row.occurred_at.toISOString(),
          actor: row.actor,
          data: row.data,
        }) as DomainEvent,
    );
  }

  async recompute(
    manager: EntityManager,
    caseId: string,
    suffix = '',
  ): Promise<void> {
    const events = await this.eventsOf(manager, caseId, suffix);
    const cases = tableName(this.schema, 'cases', suffix);
    const assignments = tableName(this.schema, 'assignments', suffix);

    // As a select, so the driver returns the rows themselves.
    const removedAssignments: { issued_at: Date }[] = await manager.query(
      `with gone as (
         delete from ${assignments} where case_id = $1 returning issued_at)
       select issued_at from gone`,
      [caseId],
    );
    const removedCases: { received_at: Date }[] = await manager.query(
      `with gone as (
         delete from ${cases} where case_id = $1 returning received_at)
       select received_at from gone`,
      [caseId],
    );
    if (events.length === 0) return;

    const projection = projectCase(events);
    // The daily figures of the days this case was and is counted on; a
    // rebuild's fresh tables are counted whole after the swap instead.
    if (suffix === '') {
      await markDirty(
        (sql, params) => manager.query(sql, params),
        this.schema,
        [
          ...removedAssignments.map((row) => row.issued_at),
          ...removedCases.map((row) => row.received_at),
          ...projection.assignments.map((row) => row.issuedAt),
          projection.case.receivedAt,
        ],
      );
    }
    await insertRows(manager, cases, CASE_COLUMNS, [
      caseValues(projection.case),
    ]);
    await insertRows(
      manager,
      assignments,
      ASSIGNMENT_COLUMNS,
      projection.assignments.map(assignmentValues),
    );
  }
}

/** Data the projection cannot use: a missing field, a bad date or number. */
function isMalformed(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const code = (error as { code?: unknown }).code;
  // PostgreSQL classes 22 (data exception) and 23 (integrity constraint).
  return (
    typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'))
  );
}

async function insertRows(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((values) => {
    const placeholders = values.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await manager.query(
    `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
    params,
  );
}

function caseValues(row: CaseRow): unknown[] {
  return [
    row.caseId,
    row.caseNumber,
    row.township,
    row.propertyCompany,
    row.units,
    row.channel,
    row.urgency,
    row.receivedAt,
    row.status,
    row.closedAt,
    row.resolved,
    row.reopenCount,
    row.repeatCount,
    row.satisfied,
    row.satisfaction,
    row.hops,
    row.joint,
    row.arbitration,
    row.firstDispatchAccurate,
    row.supervisionOrders,
    row.lastEventAt,
  ];
}

function assignmentValues(row: AssignmentRow): unknown[] {
  return [
    row.assignmentId,
    row.caseId,
    row.unit,
    row.township,
    row.propertyCompany,
    row.role,
    row.decisionId,
    row.issuedAt,
    row.acknowledgeDueAt,
    row.resolveDueAt,
    row.acknowledgedAt,
    row.resolvedAt,
    row.returned,
    row.transferred,
    row.extended,
    row.closed,
    row.reopenCount,
    row.supervisionOrders,
    row.escalationStep,
  ];
}
