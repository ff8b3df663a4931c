import { AssignmentState } from '../assignment/assignment.state';
import { DomainEvent } from '../events';

/**
 * 受理 → 派单 → 签收/办理 → 办结 → 回访 → 结案, with the detours the rules
 * allow: the manual dispatch queue, arbitration of disputed returns, and
 * 重办 after an unsatisfied follow-up.
 */
export type CaseStatus =
  | 'none'
  | 'open'
  | 'manual-dispatch'
  | 'arbitration'
  /** Every unit returned or transferred it: routing must act again. */
  | 'awaiting-routing'
  | 'routed'
  | 'in-progress'
  /** All units still responsible have reported: 回访 is due. */
  | 'resolved'
  | 'follow-up'
  | 'reopened'
  | 'closed';

/** Where the case is in its life, before its assignments are looked at. */
export type CasePhase =
  | 'none'
  | 'open'
  | 'manual-dispatch'
  | 'arbitration'
  | 'dispatched'
  | 'follow-up'
  | 'reopened'
  | 'closed';

export interface CaseFollowUp {
  readonly satisfied: boolean;
  readonly satisfaction: 1 | 2 | 3 | 4 | 5;
  readonly at: string;
}

export interface CaseView {
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  readonly status: CaseStatus;
  readonly phase: CasePhase;
  readonly receivedAt: string | null;
  readonly closedAt: string | null;
  readonly assignments: Readonly<Record<string, AssignmentState>>;
  /** Returns and transfers: how often the case bounced between units. */
  readonly hops: number;
  readonly reopenCount: number;
  /** Further calls about the same matter after the first. */
  readonly repeatCount: number;
  readonly escalations: number;
  readonly pointsDeducted: number;
  readonly lastFollowUp: CaseFollowUp | null;
  /**
   * Events about an assignment whose AssignmentIssued has not arrived yet.
   * They are applied as soon as it does; what stays here is visible to
   * operators instead of being dropped.
   */
  readonly pending: readonly DomainEvent[];
}

/**
 * The case as a log plus the view folded from it. The log holds every event
 * once, ordered by when it happened, so the view depends only on the set of
 * events received, not on the order or the number of deliveries.
 */
export interface CaseState {
  readonly log: readonly DomainEvent[];
  readonly view: CaseView;
}

export const emptyCaseView: CaseView = {
  caseId: null,
  caseNumber: null,
  status: 'none',
  phase: 'none',
  receivedAt: null,
  closedAt: null,
  assignments: {},
  hops: 0,
  reopenCount: 0,
  repeatCount: 0,
  escalations: 0,
  pointsDeducted: 0,
  lastFollowUp: null,
  pending: [],
};

export const initialCaseState: CaseState = { log: [], view: emptyCaseView };
