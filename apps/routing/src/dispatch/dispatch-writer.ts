import { Injectable } from '@nestjs/common';
import { Context } from '@opentelemetry/api';
import { EntityManager } from 'typeorm';
import {
  Actor,
  CaseSentToArbitration,
  DomainEvent,
  Hop,
  IssuedAssignment,
  MatterMatch,
  TOPICS,
} from '@lianzhi/domain';
import { Outbox } from '@lianzhi/platform';
import {
  Dispatch,
  DecisionKind,
  dispatchEvents,
  envelope,
  EventContext,
  ManualQueueEntry,
  queuedEvent,
} from './dispatch-events';
import { derivedId } from './ids';
import { RoutingCase } from './routing-case';

/** What a decision rests on, kept with it for the case's explanation. */
export interface Explanation {
  readonly text: string;
  readonly matchedWords: string[];
  readonly clauses: { unit: string; clause: unknown }[];
  readonly matrixVersion: string | null;
  readonly townshipCandidates: string[];
  readonly note?: string;
}

/** One row of routing.decisions. */
export interface DecisionRecord {
  readonly decisionId: string;
  readonly caseId: string;
  readonly kind: DecisionKind | 'queued';
  readonly hop: number;
  readonly matrixVersion: string | null;
  readonly matterTypes: MatterMatch[];
  readonly township: string | null;
  readonly townshipCandidates: string[];
  readonly assignments: IssuedAssignment[];
  readonly coordinator: string | null;
  readonly joint: boolean;
  readonly manualReason: string | null;
  readonly explanation: Explanation;
  readonly actor: Actor;
  readonly note: string | null;
  readonly at: Date;
  readonly causedBy: string | null;
  /** When the assignments' clocks start. */
  readonly issuedAt: Date;
}

/** A decision with the events that publish it, ready to be stored. */
export interface PlannedDecision {
  readonly record: DecisionRecord;
  readonly events: DomainEvent[];
  /** The trace of the event that caused the decision, when batched. */
  readonly trace?: Context;
}

/** A routing round as a decision record and its events. */
export function planDispatch(
  routingCase: RoutingCase,
  dispatch: Dispatch,
  context: EventContext,
  note?: string,
): PlannedDecision {
  const { events, assignments } = dispatchEvents(routingCase, dispatch, context);
  return {
    events,
    record: {
      decisionId: dispatch.decisionId,
      caseId: routingCase.caseId,
      kind: dispatch.kind,
      hop: dispatch.hop,
      matrixVersion: dispatch.matrixVersion,
      matterTypes: dispatch.matterTypes,
      township: dispatch.township,
      townshipCandidates: dispatch.townshipCandidates,
      assignments,
      coordinator: dispatch.coordinator,
      joint: dispatch.joint,
      manualReason: null,
      explanation: {
        text: dispatch.explanation,
        matchedWords: matchedWords(dispatch.matterTypes),
        clauses: assignments.map((a) => ({ unit: a.unit, clause: a.clause })),
        matrixVersion: dispatch.matrixVersion,
        townshipCandidates: dispatch.townshipCandidates,
        ...(note ? { note } : {}),
      },
      actor: context.actor,
      note: note ?? null,
      at: context.occurredAt,
      causedBy: context.causationId ?? null,
      issuedAt: dispatch.issuedAt,
    },
  };
}

export type QueueDecision = ManualQueueEntry & {
  decisionId: string;
  matrixVersion: string | null;
  township: string | null;
  explanation: string;
};

/** Waiting for the dispatcher, as a decision record and its event. */
export function planQueue(
  routingCase: RoutingCase,
  entry: QueueDecision,
  context: EventContext,
): PlannedDecision {
  return {
    events: [queuedEvent(routingCase, entry, entry.decisionId, context)],
    record: {
      decisionId: entry.decisionId,
      caseId: routingCase.caseId,
      kind: 'queued',
      hop: entry.hop,
      matrixVersion: entry.matrixVersion,
      matterTypes: entry.suggestions,
      township: entry.township,
      townshipCandidates: entry.townshipCandidates,
      assignments: [],
      coordinator: null,
      joint: false,
      manualReason: entry.reason,
      explanation: {
        text: entry.explanation,
        matchedWords: matchedWords(entry.suggestions),
        clauses: [],
        matrixVersion: entry.matrixVersion,
        townshipCandidates: entry.townshipCandidates,
      },
      actor: context.actor,
      note: null,
      at: context.occurredAt,
      causedBy: context.causationId ?? null,
      issuedAt: context.occurredAt,
    },
  };
}

/**
 * Records routing decisions and publishes them through the outbox, in the
 * caller's transaction and under the case's lock, so a decision is stored
 * if and only if its events will be published.
 */
@Injectable()
export class DispatchWriter {
  constructor(private readonly outbox: Outbox) {}

  /** Issues the dispatch's assignments; the case is routed. */
  async dispatch(
    manager: EntityManager,
    routingCase: RoutingCase,
    dispatch: Dispatch,
    context: EventContext,
    note?: string,
  ): Promise<void> {
    const planned = planDispatch(routingCase, dispatch, context, note);
    await this.record(manager, [planned]);
    await manager.query(
      `update routing.cases
          set status = 'routed', township = coalesce($2, township), hop = $3,
              first_dispatched_at = coalesce(first_dispatched_at, $4),
              waiting_reason = null, waiting_suggestions = null,
              waiting_candidates = null, waiting_since = null,
              updated_at = now()
        where case_id = $1`,
      [
        routingCase.caseId,
        dispatch.township,
        dispatch.hop,
        dispatch.issuedAt.toISOString(),
      ],
    );
  }

  /** The case waits in the district's manual dispatch queue. */
  async queue(
    manager: EntityManager,
    routingCase: RoutingCase,
    entry: QueueDecision,
    context: EventContext,
  ): Promise<void> {
    await this.record(manager, [planQueue(routingCase, entry, context)]);
    await manager.query(
      `update routing.cases
          set status = 'manual', township = coalesce($2, township), hop = $3,
              waiting_reason = $4, waiting_suggestions = $5,
              waiting_candidates = $6, waiting_since = $7, updated_at = now()
        where case_id = $1`,
      [
        routingCase.caseId,
        entry.township,
        entry.hop,
        entry.reason,
        JSON.stringify(entry.suggestions),
        JSON.stringify(entry.townshipCandidates),
        context.occurredAt.toISOString(),
      ],
    );
  }

  /**
   * Stores decisions with their assignments and appends their events to the
   * outbox, in a few statements however many decisions there are.
   */
  async record(
    manager: EntityManager,
    planned: readonly PlannedDecision[],
  ): Promise<void> {
    await this.insertDecisions(
      manager,
      planned.map((p) => p.record),
    );
    await this.insertAssignments(
      manager,
      planned.map((p) => p.record),
    );
    await this.outbox.append(
      manager,
      TOPICS.routing,
      planned.flatMap((p) => p.events),
      planned.flatMap((p) => p.events.map(() => p.trace)),
    );
  }

  /**
   * 审定: the case bounced too often; the district arbitrates it and the
   * township's joint meeting hears it, with the whole trail.
   */
  async sendToArbitration(
    manager: EntityManager,
    routingCase: RoutingCase,
    reason: string,
    context: EventContext & { causationId: string },
  ): Promise<void> {
    const trail = await this.trail(manager, routingCase.caseId);
    await manager.query(
      `update routing.cases
          set status = 'arbitration', waiting_reason = $2,
              waiting_suggestions = null, waiting_candidates = null,
              waiting_since = $3, updated_at = now()
        where case_id = $1`,
      [routingCase.caseId, reason, context.occurredAt.toISOString()],
    );

    const event: CaseSentToArbitration = {
      ...envelope(
        'CaseSentToArbitration',
        routingCase,
        context.causationId,
        context,
      ),
      data: { trail, township: routingCase.township, reason },
    };
    await this.outbox.append(manager, TOPICS.routing, [event]);
  }

  async trail(manager: EntityManager, caseId: string): Promise<Hop[]> {
    const rows: {
      unit: string;
      action: Hop['action'];
      reason: string;
      at: Date;
    }[] = await manager.query(
      `select unit, action, reason, at from routing.hops
        where case_id = $1 order by id`,
      [caseId],
    );
    return rows.map((r) => ({
      unit: r.unit,
      action: r.action,
      reason: r.reason,
      at: r.at.toISOString(),
    }));
  }

  private async insertDecisions(
    manager: EntityManager,
    records: readonly DecisionRecord[],
  ): Promise<void> {
    await insertRows(
      manager,
      `routing.decisions
         (decision_id, case_id, hop, kind, matrix_version, matter_types,
          township, township_candidates, assignments, coordinator, joint,
          manual_reason, explanation, decided_by, note, decided_at, caused_by)`,
      records.map((d) => [
        d.decisionId,
        d.caseId,
        d.hop,
        d.kind,
        d.matrixVersion,
        JSON.stringify(d.matterTypes),
        d.township,
        JSON.stringify(d.townshipCandidates),
        JSON.stringify(d.assignments),
        d.coordinator,
        d.joint,
        d.manualReason,
        JSON.stringify(d.explanation),
        JSON.stringify(d.actor),
        d.note,
        d.at.toISOString(),
        d.causedBy,
      ]),
    );
  }

  private async insertAssignments(
    manager: EntityManager,
    records: readonly DecisionRecord[],
  ): Promise<void> {
    const rows = records.flatMap((d) =>
      d.assignments.map((a) => [
        a.assignmentId,
        d.caseId,
        d.decisionId,
        a.unit,
        a.role,
        a.matterType,
        JSON.stringify(a.clause),
        d.hop,
        d.issuedAt.toISOString(),
        a.acknowledgeDueAt,
        a.resolveDueAt,
      ]),
    );
    await insertRows(
      manager,
      `routing.assignments
         (assignment_id, case_id, decision_id, unit, role, matter_type,
          clause, hop, issued_at, acknowledge_due_at, resolve_due_at)`,
      rows,
      'on conflict (assignment_id) do nothing',
    );
  }
}

/** A fresh decision id for a cause, stable if the same cause is replayed. */
export function decisionIdFor(cause: string, label: string): string {
  return derivedId('decision', cause, label);
}

/** One multi-row insert; PostgreSQL takes up to 65,535 parameters. */
export async function insertRows(
  manager: EntityManager,
  into: string,
  rows: readonly unknown[][],
  suffix = '',
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = rows[0].length;
  const chunk = Math.floor(60_000 / perRow);
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const values = slice.flat();
    const tuples = slice.map(
      (_, i) =>
        `(${Array.from({ length: perRow }, (_, k) => `$${i * perRow + k + 1}`).join(', ')})`,
    );
    await manager.query(
      `insert into ${into} values ${tuples.join(', ')} ${suffix}`,
      values,
    );
  }
}

function matchedWords(matters: MatterMatch[]): string[] {
  return [...new Set(matters.flatMap((m) => m.matched))];
}
