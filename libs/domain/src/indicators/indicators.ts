import { count, Indicator, ratio } from './indicator';

/** What the indicators need to know about one assignment. */
export interface AssignmentFact {
  readonly assignmentId: string;
  readonly caseId: string;
  readonly unit: string;
  readonly issuedAt: string;
  readonly acknowledgeDueAt: string;
  /** The deadline in force, after any extension granted. */
  readonly resolveDueAt: string;
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
  readonly returned: boolean;
  readonly transferred: boolean;
  readonly extensionGranted: boolean;
}

/** What the indicators need to know about one case. */
export interface CaseFact {
  readonly caseId: string;
  /** All units responsible have reported at least once. */
  readonly resolved: boolean;
  readonly reopenCount: number;
  /** Calls after the first about the same matter. */
  readonly repeatCount: number;
  /** The last 回访, when there was one. */
  readonly satisfied: boolean | null;
}

/** One routing decision, for 首派准确率. */
export interface DispatchFact {
  readonly decisionId: string;
  readonly caseId: string;
  readonly anyUnitReturned: boolean;
  readonly unitAdded: boolean;
}

const at = (iso: string) => Date.parse(iso);

/**
 * A return or a transfer answers the assignment by passing it on; such
 * assignments count in 退单率 but not in the signing and resolving figures,
 * where the unit that took the case over is measured instead.
 */
function kept(facts: readonly AssignmentFact[]): AssignmentFact[] {
  return facts.filter((fact) => !fact.returned && !fact.transferred);
}

const ids = (facts: readonly AssignmentFact[]) =>
  facts.map((fact) => fact.assignmentId);

/** 签收率 */
export function acknowledgementRate(
  facts: readonly AssignmentFact[],
): Indicator {
  const due = kept(facts);
  const signed = due.filter((fact) => fact.acknowledgedAt !== null);
  return ratio('签收率 = 已签收派单数 ÷ 派单数', ids(signed), ids(due));
}

/** 按时签收率: over the assignments whose acknowledge deadline has come. */
export function onTimeAcknowledgementRate(
  facts: readonly AssignmentFact[],
  asOf: Date,
): Indicator {
  const due = kept(facts).filter(
    (fact) =>
      fact.acknowledgedAt !== null ||
      at(fact.acknowledgeDueAt) <= asOf.getTime(),
  );
  const onTime = due.filter(
    (fact) =>
      fact.acknowledgedAt !== null &&
      at(fact.acknowledgedAt) <= at(fact.acknowledgeDueAt),
  );
  return ratio('按时签收率 = 按时签收数 ÷ 应签收数', ids(onTime), ids(due));
}

/** 办结率 */
export function resolutionRate(facts: readonly AssignmentFact[]): Indicator {
  const all = kept(facts);
  const resolved = all.filter((fact) => fact.resolvedAt !== null);
  return ratio('办结率 = 办结数 ÷ 派单数', ids(resolved), ids(all));
}

/**
 * 按期办结率 = 按期办结数 ÷ 应办结数. 应办结 are the assignments resolved or
 * whose deadline (after extension) has passed by `asOf`.
 */
export function onTimeResolutionRate(
  facts: readonly AssignmentFact[],
  asOf: Date,
): Indicator {
  const due = kept(facts).filter(
    (fact) =>
      fact.resolvedAt !== null || at(fact.resolveDueAt) <= asOf.getTime(),
  );
  const onTime = due.filter(
    (fact) =>
      fact.resolvedAt !== null && at(fact.resolvedAt) <= at(fact.resolveDueAt),
  );
  return ratio('按期办结率 = 按期办结数 ÷ 应办结数', ids(onTime), ids(due));
}

/** 超期未办结数: a count; the denominator is the assignments still open. */
export function overdueUnresolvedCount(
  facts: readonly AssignmentFact[],
  asOf: Date,
): Indicator {
  const open = kept(facts).filter((fact) => fact.resolvedAt === null);
  const overdue = open.filter((fact) => at(fact.resolveDueAt) < asOf.getTime());
  return count(
    '超期未办结数 = 超过办理时限仍未办结的派单数',
    ids(overdue),
    ids(open),
  );
}

/** 退单率 (回退率) */
export function returnRate(facts: readonly AssignmentFact[]): Indicator {
  const returned = facts.filter((fact) => fact.returned);
  return ratio('退单率 = 退单数 ÷ 派单数', ids(returned), ids(facts));
}

/** 延期率: extensions granted, over the assignments a unit kept. */
export function extensionRate(facts: readonly AssignmentFact[]): Indicator {
  const all = kept(facts);
  const extended = all.filter((fact) => fact.extensionGranted);
  return ratio('延期率 = 批准延期派单数 ÷ 派单数', ids(extended), ids(all));
}

/** 重办率 (返工率): cases reopened at least once, over cases resolved. */
export function reopenRate(cases: readonly CaseFact[]): Indicator {
  const resolved = cases.filter((fact) => fact.resolved);
  const reopened = resolved.filter((fact) => fact.reopenCount > 0);
  return ratio(
    '重办率 = 重办案件数 ÷ 办结案件数',
    reopened.map((fact) => fact.caseId),
    resolved.map((fact) => fact.caseId),
  );
}

/** 满意率: satisfied follow-ups over follow-ups made. */
export function satisfactionRate(cases: readonly CaseFact[]): Indicator {
  const followedUp = cases.filter((fact) => fact.satisfied !== null);
  const satisfied = followedUp.filter((fact) => fact.satisfied === true);
  return ratio(
    '满意率 = 满意数 ÷ 回访数',
    satisfied.map((fact) => fact.caseId),
    followedUp.map((fact) => fact.caseId),
  );
}

/** 首派准确率 = dispatches no unit returned and that needed no unit added ÷ all dispatches. */
export function firstDispatchAccuracy(
  dispatches: readonly DispatchFact[],
): Indicator {
  const accurate = dispatches.filter(
    (fact) => !fact.anyUnitReturned && !fact.unitAdded,
  );
  return ratio(
    '首派准确率 = 无退单且无增派的首次派单数 ÷ 首次派单数',
    accurate.map((fact) => fact.decisionId),
    dispatches.map((fact) => fact.decisionId),
  );
}

/** The same matter three times or more counts as a repeat complaint. */
export const REPEAT_COMPLAINT_THRESHOLD = 3;

/** 重复投诉: cases with three or more calls, out of all cases. */
export function repeatComplaints(
  cases: readonly CaseFact[],
  threshold = REPEAT_COMPLAINT_THRESHOLD,
): Indicator {
  const repeated = cases.filter((fact) => 1 + fact.repeatCount >= threshold);
  return count(
    `重复投诉数 = 同一事项投诉${threshold}次及以上的案件数`,
    repeated.map((fact) => fact.caseId),
    cases.map((fact) => fact.caseId),
  );
}

/** 投诉率 of a property company: complaints per household served. */
export function complaintRate(
  complaintCaseIds: readonly string[],
  households: number,
): Indicator {
  return {
    value: households > 0 ? complaintCaseIds.length / households : null,
    numerator: complaintCaseIds.length,
    denominator: households,
    formula: '投诉率 = 投诉件数 ÷ 服务户数',
    drillDown: { numerator: complaintCaseIds, denominator: [] },
  };
}
