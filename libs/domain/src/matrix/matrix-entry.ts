import { AssignmentRole, Citation, Urgency } from '../events/catalogue';

/**
 * A duty given to 属地镇街 names no fixed unit: it resolves to the township of
 * the case's address when the case is routed.
 */
export const TOWNSHIP_OF_CASE = 'township-of-case';

/** How a matter's clock is set; mission.md §5 gives the defaults. */
export type LimitClass = 'emergency' | 'utility' | 'general' | 'complex';

export interface TimeLimits {
  /** 派单: from intake to an assignment. */
  readonly dispatchHours: number;
  /** 签收: from assignment to acknowledgement. */
  readonly acknowledgeHours: number;
  /** 反馈/办结: from assignment to the unit's result. */
  readonly resolveHours: number;
  /** Someone on site, where practice asks for it (elevator entrapment). */
  readonly onSiteHours?: number;
}

export interface ResponsibleUnit {
  /** A unit code from units.ts, or TOWNSHIP_OF_CASE. */
  readonly unit: string;
  readonly role: AssignmentRole;
  /** The clause that makes this unit responsible. */
  readonly clause: Citation;
}

/** One matter type of the 职责清单 and who must act on it. */
export interface MatrixEntry {
  readonly code: string;
  readonly label: string;
  readonly citation: Citation;
  readonly responsible: readonly ResponsibleUnit[];
  readonly urgency: Urgency;
  readonly limitClass: LimitClass;
  readonly limits: TimeLimits;
  /** Only reachable by the operator's choice, never guessed from text. */
  readonly selectableOnly?: boolean;
}

/** The matrix as the district office publishes it, with its effective date. */
export interface MatrixVersion {
  readonly version: string;
  /** ISO date (YYYY-MM-DD), Asia/Shanghai, from which this version applies. */
  readonly effectiveFrom: string;
  readonly entries: readonly MatrixEntry[];
}
