import { CaseAddress, Urgency } from '@lianzhi/domain';

/** Where a case stands in routing. */
export type RoutingStatus = 'routed' | 'manual' | 'arbitration';

/** What routing keeps of a case: its routing inputs and its routing state. */
export interface RoutingCase {
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
  readonly status: RoutingStatus;
  readonly township: string | null;
  /** Every 退单 and 转办 so far. */
  readonly hop: number;
  /** Bounces since the district last decided the case itself. */
  readonly bounces: number;
  /** Units that returned the case; routing never picks them again. */
  readonly excludedUnits: string[];
  readonly firstDispatchedAt: string | null;
  readonly firstDispatchChanged: boolean;
}
