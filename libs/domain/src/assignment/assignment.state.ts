/**
 * One unit's assignment on a case, as its events have left it. Each status
 * carries only what is true in it; every variant remembers the ids of the
 * events applied so a redelivered event changes nothing.
 */
export interface AssignmentFacts {
  readonly assignmentId: string;
  readonly caseId: string;
  readonly unit: string;
  readonly issuedAt: string;
  readonly acknowledgeDueAt: string;
  readonly resolveDueAt: string;
  /** The original resolve limit, kept so a reopened assignment gets as long again. */
  readonly resolveLimitMs: number;
  readonly acknowledgedAt: string | null;
  readonly reopenCount: number;
  readonly extensionsGranted: number;
  /** The last 回访 since the last resolution. */
  readonly followUp: 'none' | 'satisfied' | 'unsatisfied';
  readonly appliedEventIds: readonly string[];
}

export type AssignmentState =
  | {
      readonly status: 'not-issued';
      readonly appliedEventIds: readonly string[];
    }
  | (AssignmentFacts & { readonly status: 'issued' })
  | (AssignmentFacts & { readonly status: 'acknowledged' })
  | (AssignmentFacts & {
      readonly status: 'extension-pending';
      readonly requestedDueAt: string;
    })
  | (AssignmentFacts & {
      readonly status: 'resolved';
      readonly resolvedAt: string;
    })
  | (AssignmentFacts & {
      readonly status: 'reopened';
      readonly reopenedAt: string;
    })
  | (AssignmentFacts & {
      readonly status: 'returned';
      readonly returnedAt: string;
    })
  | (AssignmentFacts & {
      readonly status: 'transferred';
      readonly toUnit: string;
    })
  | (AssignmentFacts & {
      readonly status: 'closed';
      readonly closedAt: string;
    });

export type AssignmentStatus = AssignmentState['status'];

export type IssuedAssignmentState = Exclude<
  AssignmentState,
  { status: 'not-issued' }
>;

export const initialAssignmentState: AssignmentState = {
  status: 'not-issued',
  appliedEventIds: [],
};

/** Statuses in which the unit still owes a result. */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = [
  'issued',
  'acknowledged',
  'extension-pending',
  'reopened',
];
