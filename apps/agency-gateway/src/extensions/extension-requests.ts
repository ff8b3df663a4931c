import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentEvent } from '@lianzhi/domain';
import { AssignmentRecord } from '../assignments/assignment.record';

/**
 * Keeps `gateway.extensions` in step with the extension events, so the
 * district can list what waits for its decision and every moved deadline
 * stays on record.
 */
@Injectable()
export class ExtensionRequests {
  async recordRequest(
    manager: EntityManager,
    record: AssignmentRecord,
    events: readonly AssignmentEvent[],
  ): Promise<void> {
    for (const event of events) {
      if (event.type !== 'ExtensionRequested') continue;

      await manager.query(
        `insert into gateway.extensions
           (extension_id, assignment_id, case_id, unit, requested_due_at,
            previous_due_at, reason, requested_by, requested_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          event.id,
          record.assignment_id,
          record.case_id,
          record.unit,
          event.data.requestedDueAt,
          record.resolve_due_at,
          event.data.reason,
          event.actor.id,
          event.occurredAt,
        ],
      );
    }
  }

  async recordDecision(
    manager: EntityManager,
    record: AssignmentRecord,
    events: readonly AssignmentEvent[],
  ): Promise<void> {
    for (const event of events) {
      if (event.type === 'ExtensionGranted') {
        await this.decide(manager, record, 'granted', event.data.reason, {
          by: event.actor.id,
          at: event.occurredAt,
          newDueAt: event.data.newDueAt,
        });
      }
      if (event.type === 'ExtensionDenied') {
        await this.decide(manager, record, 'denied', event.data.reason, {
          by: event.actor.id,
          at: event.occurredAt,
          newDueAt: null,
        });
      }
    }
  }

  private async decide(
    manager: EntityManager,
    record: AssignmentRecord,
    state: 'granted' | 'denied',
    reason: string,
    decision: { by: string; at: string; newDueAt: string | null },
  ): Promise<void> {
    await manager.query(
      `update gateway.extensions
          set state = $2, decision_reason = $3, decided_by = $4,
              decided_at = $5, new_due_at = $6
        where assignment_id = $1 and state = 'pending'`,
      [
        record.assignment_id,
        state,
        reason,
        decision.by,
        decision.at,
        decision.newDueAt,
      ],
    );
  }
}
