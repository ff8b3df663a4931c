import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AssignmentIssued,
  AssignmentState,
  DomainError,
  evolveAssignment,
} from '@lianzhi/domain';
import { AssignmentRecord, currentDueAt } from './assignment.record';

/** Reads and writes `gateway.cases` and `gateway.assignments`. */
@Injectable()
export class AssignmentStore {
  /**
   * Locks the case's row. Every write about a case takes this lock first, so
   * the outbox receives one case's events in commit order.
   */
  async lockCase(manager: EntityManager, caseId: string) {
    const [row] = await manager.query(
      `select * from gateway.cases where case_id = $1 for update`,
      [caseId],
    );
    return row as
      | { case_id: string; status: string; reopen_count: number }
      | undefined;
  }

  async ensureCase(
    manager: EntityManager,
    caseId: string,
    caseNumber: string | null,
    township: string | null,
  ): Promise<void> {
    await manager.query(
      `insert into gateway.cases (case_id, case_number, township)
       values ($1, $2, $3)
       on conflict (case_id) do update
         set case_number = coalesce(excluded.case_number, gateway.cases.case_number),
             township = coalesce(excluded.township, gateway.cases.township),
             updated_at = now()`,
      [caseId, caseNumber, township],
    );
  }

  async find(
    manager: EntityManager,
    assignmentId: string,
  ): Promise<AssignmentRecord | undefined> {
    const [row] = await manager.query(
      `select * from gateway.assignments where assignment_id = $1`,
      [assignmentId],
    );
    return row;
  }

  /** Locks the case, then the assignment, and returns it as locked. */
  async lock(
    manager: EntityManager,
    assignmentId: string,
  ): Promise<AssignmentRecord | undefined> {
    const unlocked = await this.find(manager, assignmentId);
    if (!unlocked) return undefined;

    await this.lockCase(manager, unlocked.case_id);
    const [row] = await manager.query(
      `select * from gateway.assignments where assignment_id = $1 for update`,
      [assignmentId],
    );
    return row;
  }

  async ofCase(
    manager: EntityManager,
    caseId: string,
    lock = false,
  ): Promise<AssignmentRecord[]> {
    return manager.query(
      `select * from gateway.assignments where case_id = $1
        order by issued_at, assignment_id ${lock ? 'for update' : ''}`,
      [caseId],
    );
  }

  /** Records an issued assignment; a redelivered one changes nothing. */
  async insertIssued(
    manager: EntityManager,
    event: AssignmentIssued,
  ): Promise<boolean> {
    const { data } = event;
    if (!data.assignmentId || !data.unit) {
      throw new DomainError(
        'EVENT.INVALID',
        'AssignmentIssued needs an assignment id and a unit',
        'data.assignmentId',
      );
    }

    const state = evolveAssignment(
      { status: 'not-issued', appliedEventIds: [] },
      event,
    );
    const details = {
      caseNumber: data.caseNumber,
      decisionId: data.decisionId,
      matterType: data.matterType,
      clause: data.clause,
      description: data.description,
      address: data.address,
      confidential: data.confidential,
      callerRef: data.confidential ? null : data.callerRef,
      propertyCompany: data.propertyCompany ?? null,
      coordinator: data.coordinator,
      hop: data.hop,
    };
    const inserted = await manager.query(
      `insert into gateway.assignments
         (assignment_id, case_id, unit, township, urgency, status, role,
          issued_at, acknowledge_due_at, resolve_due_at,
          resolve_clock_started_at, due_at, details, state)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8, $9, $11, $12)
       on conflict (assignment_id) do nothing
       returning assignment_id`,
      [
        data.assignmentId,
        event.caseId,
        data.unit,
        data.township,
        data.urgency,
        state.status,
        data.role,
        event.occurredAt,
        data.acknowledgeDueAt,
        data.resolveDueAt,
        JSON.stringify(details),
        JSON.stringify(state),
      ],
    );
    return inserted.length > 0;
  }

  /** Writes the state the events left the assignment in. */
  async save(
    manager: EntityManager,
    record: AssignmentRecord,
    state: AssignmentState,
  ): Promise<AssignmentRecord> {
    if (state.status === 'not-issued') {
      throw new Error('an issued assignment cannot become not-issued');
    }

    const resolvedAt = state.status === 'resolved' ? state.resolvedAt : null;
    const clockStart =
      state.status === 'reopened'
        ? state.reopenedAt
        : record.resolve_clock_started_at.toISOString();
    // An update returns its rows and the count.
    const [rows] = await manager.query(
      `update gateway.assignments
          set status = $2,
              acknowledge_due_at = $3,
              resolve_due_at = $4,
              resolve_clock_started_at = $5,
              due_at = $6,
              acknowledged_at = $7,
              resolved_at = coalesce($8, case when $2 = 'reopened' then null else resolved_at end),
              state = $9,
              version = version + 1,
              updated_at = now()
        where assignment_id = $1
        returning *`,
      [
        record.assignment_id,
        state.status,
        state.acknowledgeDueAt,
        state.resolveDueAt,
        clockStart,
        currentDueAt(state),
        state.acknowledgedAt,
        resolvedAt,
        JSON.stringify(state),
      ],
    );
    return rows[0];
  }
}
