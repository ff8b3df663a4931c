import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  CaseSentToArbitration,
  Hop,
  MatterMatch,
  TOPICS,
} from '@lianzhi/domain';
import { Outbox } from '@lianzhi/platform';
import { CaseStore } from './case-store';
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

/**
 * Records routing decisions and publishes them through the outbox, in the
 * caller's transaction and under the case's lock, so a decision is stored
 * if and only if its events will be published.
 */
@Injectable()
export class DispatchWriter {
  constructor(
    private readonly outbox: Outbox,
    private readonly cases: CaseStore,
  ) {}

  /** Issues the dispatch's assignments; the case is routed. */
  async dispatch(
    manager: EntityManager,
    routingCase: RoutingCase,
    dispatch: Dispatch,
    context: EventContext,
    note?: string,
  ): Promise<void> {
    const { events, assignments } = dispatchEvents(
      routingCase,
      dispatch,
      context,
    );

    await this.insertDecision(manager, routingCase, {
      decisionId: dispatch.decisionId,
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
      explanation: explanationOf(dispatch, assignments, note),
      actor: context.actor,
      note: note ?? null,
      at: context.occurredAt,
      causedBy: context.causationId ?? null,
    });

    if (assignments.length > 0) {
      const values: unknown[] = [];
      const rows = assignments.map((a, i) => {
        values.push(
          a.assignmentId,
          routingCase.caseId,
          dispatch.decisionId,
          a.unit,
          a.role,
          a.matterType,
          JSON.stringify(a.clause),
          dispatch.hop,
          dispatch.issuedAt.toISOString(),
          a.acknowledgeDueAt,
          a.resolveDueAt,
        );
        const b = i * 11;
        return `(${Array.from({ length: 11 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      await manager.query(
        `insert into routing.assignments
           (assignment_id, case_id, decision_id, unit, role, matter_type,
            clause, hop, issued_at, acknowledge_due_at, resolve_due_at)
         values ${rows.join(', ')}
         on conflict (assignment_id) do nothing`,
        values,
      );
    }

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

    await this.outbox.append(manager, TOPICS.routing, events);
  }

  /** The case waits in the district's manual dispatch queue. */
  async queue(
    manager: EntityManager,
    routingCase: RoutingCase,
    entry: ManualQueueEntry & {
      decisionId: string;
      matrixVersion: string | null;
      township: string | null;
      explanation: string;
    },
    context: EventContext,
  ): Promise<void> {
    await this.insertDecision(manager, routingCase, {
      decisionId: entry.decisionId,
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
    });

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

    await this.outbox.append(manager, TOPICS.routing, [
      queuedEvent(routingCase, entry, entry.decisionId, context),
    ]);
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
    const rows: { unit: string; action: Hop['action']; reason: string; at: Date }[] =
      await manager.query(
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

  private async insertDecision(
    manager: EntityManager,
    routingCase: RoutingCase,
    d: {
      decisionId: string;
      kind: DecisionKind | 'queued';
      hop: number;
      matrixVersion: string | null;
      matterTypes: MatterMatch[];
      township: string | null;
      townshipCandidates: string[];
      assignments: unknown[];
      coordinator: string | null;
      joint: boolean;
      manualReason: string | null;
      explanation: Explanation;
      actor: Actor;
      note: string | null;
      at: Date;
      causedBy: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `insert into routing.decisions
         (decision_id, case_id, hop, kind, matrix_version, matter_types,
          township, township_candidates, assignments, coordinator, joint,
          manual_reason, explanation, decided_by, note, decided_at, caused_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
               $15, $16, $17)`,
      [
        d.decisionId,
        routingCase.caseId,
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
      ],
    );
  }
}

/** A fresh decision id for a cause, stable if the same cause is replayed. */
export function decisionIdFor(cause: string, label: string): string {
  return derivedId('decision', cause, label);
}

function explanationOf(
  dispatch: Dispatch,
  assignments: { unit: string; clause: unknown }[],
  note?: string,
): Explanation {
  return {
    text: dispatch.explanation,
    matchedWords: matchedWords(dispatch.matterTypes),
    clauses: assignments.map((a) => ({ unit: a.unit, clause: a.clause })),
    matrixVersion: dispatch.matrixVersion,
    townshipCandidates: dispatch.townshipCandidates,
    ...(note ? { note } : {}),
  };
}

function matchedWords(matters: MatterMatch[]): string[] {
  return [...new Set(matters.flatMap((m) => m.matched))];
}
