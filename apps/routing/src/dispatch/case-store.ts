import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseAddress, Citation, DomainError, Urgency } from '@lianzhi/domain';
import { RoutingCase, RoutingStatus } from './routing-case';

export interface StoredAssignment {
  readonly assignmentId: string;
  readonly caseId: string;
  readonly decisionId: string;
  readonly unit: string;
  readonly role: 'lead' | 'assist';
  readonly matterType: string;
  readonly clause: Citation;
  readonly hop: number;
  readonly status: 'active' | 'returned' | 'transferred';
  readonly issuedAt: string;
  readonly acknowledgeDueAt: string;
  readonly resolveDueAt: string;
}

/** Columns of routing.cases a use case may change. */
export interface CaseChanges {
  status?: RoutingStatus;
  township?: string | null;
  hop?: number;
  bounces?: number;
  excluded_units?: string[];
  first_dispatch_changed?: boolean;
  first_dispatch_change?: string;
}

const CASE_COLUMNS = `
  case_id as "caseId", case_number as "caseNumber", description, address,
  category, urgency, township_hint as "townshipHint", confidential,
  caller_ref as "callerRef", property_company as "propertyCompany",
  received_at as "receivedAt", status, township, hop, bounces,
  excluded_units as "excludedUnits", first_dispatched_at as "firstDispatchedAt",
  first_dispatch_changed as "firstDispatchChanged"`;

const ASSIGNMENT_COLUMNS = `
  assignment_id as "assignmentId", case_id as "caseId",
  decision_id as "decisionId", unit, role, matter_type as "matterType",
  clause, hop, status, issued_at as "issuedAt",
  acknowledge_due_at as "acknowledgeDueAt", resolve_due_at as "resolveDueAt"`;

/** Where a case stands right after its first routing. */
export interface FirstState {
  readonly status: RoutingStatus;
  readonly township: string | null;
  readonly firstDispatchedAt: string | null;
  readonly waiting: {
    reason: string;
    suggestions: unknown[];
    townshipCandidates: string[];
    since: string;
  } | null;
}

export interface NewCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly description: string;
  readonly address: CaseAddress;
  readonly category: string | null;
  readonly urgency: Urgency;
  readonly townshipHint: string | null;
  readonly confidential: boolean;
  readonly callerRef: string | null;
  readonly propertyCompany: string | null;
  readonly receivedAt: string;
}

/** The routing schema's record of each case, read and changed under a lock. */
@Injectable()
export class CaseStore {
  /**
   * Stores new cases with the state their first routing gave them; returns
   * the ids stored, leaving out cases that were already known.
   */
  async insertMany(
    manager: EntityManager,
    cases: readonly { input: NewCase; state: FirstState }[],
  ): Promise<Set<string>> {
    if (cases.length === 0) return new Set();
    const perRow = 18;
    const values: unknown[] = [];
    const tuples = cases.map(({ input: c, state }, i) => {
      values.push(
        c.caseId,
        c.caseNumber,
        c.description,
        JSON.stringify(c.address),
        c.category,
        c.urgency,
        c.townshipHint,
        c.confidential,
        c.callerRef,
        c.propertyCompany,
        c.receivedAt,
        state.status,
        state.township,
        state.firstDispatchedAt,
        state.waiting?.reason ?? null,
        state.waiting ? JSON.stringify(state.waiting.suggestions) : null,
        state.waiting ? JSON.stringify(state.waiting.townshipCandidates) : null,
        state.waiting?.since ?? null,
      );
      const params = Array.from(
        { length: perRow },
        (_, k) => `$${i * perRow + k + 1}`,
      );
      return `(${params.join(', ')})`;
    });
    const rows: { case_id: string }[] = await manager.query(
      `insert into routing.cases
         (case_id, case_number, description, address, category, urgency,
          township_hint, confidential, caller_ref, property_company,
          received_at, status, township, first_dispatched_at,
          waiting_reason, waiting_suggestions, waiting_candidates,
          waiting_since)
       values ${tuples.join(', ')}
       on conflict (case_id) do nothing
       returning case_id`,
      values,
    );
    return new Set(rows.map((r) => r.case_id));
  }

  /** The case, locked until the transaction ends. */
  async lock(manager: EntityManager, caseId: string): Promise<RoutingCase> {
    const rows: RoutingCase[] = await manager.query(
      `select ${CASE_COLUMNS} from routing.cases where case_id = $1 for update`,
      [caseId],
    );
    if (rows.length === 0) {
      throw new DomainError(
        'CASE.NOT_FOUND',
        `案件 ${caseId} 未经派单`,
        'caseId',
      );
    }
    return normalise(rows[0]);
  }

  async find(manager: EntityManager, caseId: string): Promise<RoutingCase> {
    const rows: RoutingCase[] = await manager.query(
      `select ${CASE_COLUMNS} from routing.cases where case_id = $1`,
      [caseId],
    );
    if (rows.length === 0) {
      throw new DomainError('CASE.NOT_FOUND', `案件 ${caseId} 不存在`, 'caseId');
    }
    return normalise(rows[0]);
  }

  async update(
    manager: EntityManager,
    caseId: string,
    changes: CaseChanges,
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
    await manager.query(
      `update routing.cases set ${sets.join(', ')}, updated_at = now()
        where case_id = $1`,
      [caseId, ...entries.map(([, v]) => v)],
    );
  }

  async assignments(
    manager: EntityManager,
    caseId: string,
  ): Promise<StoredAssignment[]> {
    const rows: StoredAssignment[] = await manager.query(
      `select ${ASSIGNMENT_COLUMNS} from routing.assignments
        where case_id = $1 order by issued_at, unit`,
      [caseId],
    );
    return rows.map(normaliseAssignment);
  }

  async activeAssignments(
    manager: EntityManager,
    caseId: string,
  ): Promise<StoredAssignment[]> {
    return (await this.assignments(manager, caseId)).filter(
      (a) => a.status === 'active',
    );
  }

  async endAssignment(
    manager: EntityManager,
    assignmentId: string,
    status: 'returned' | 'transferred',
    at: string,
  ): Promise<void> {
    await manager.query(
      `update routing.assignments set status = $2, ended_at = $3
        where assignment_id = $1`,
      [assignmentId, status, at],
    );
  }
}

function normalise(row: RoutingCase): RoutingCase {
  return {
    ...row,
    receivedAt: iso(row.receivedAt) as string,
    firstDispatchedAt: iso(row.firstDispatchedAt),
  };
}

function normaliseAssignment(row: StoredAssignment): StoredAssignment {
  return {
    ...row,
    issuedAt: iso(row.issuedAt) as string,
    acknowledgeDueAt: iso(row.acknowledgeDueAt) as string,
    resolveDueAt: iso(row.resolveDueAt) as string,
  };
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}
