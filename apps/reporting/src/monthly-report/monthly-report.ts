import {
  AssignmentFact,
  CaseFact,
  complaintDeductions,
  complaintRate,
  findUnit,
  Indicator,
  onTimeResolutionRate,
  ratio,
  resolutionRate,
  starRating,
  supervisionOrderDeduction,
  TOWNSHIPS,
} from '@lianzhi/domain';

/** A case of the month as the report needs it. */
export interface MonthCase extends CaseFact {
  readonly caseNumber: string | null;
  readonly township: string | null;
  readonly propertyCompany: string | null;
  readonly channel: string | null;
  /** Closed, or every unit that kept it has reported. */
  readonly done: boolean;
}

export interface SupervisionOrder {
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly unit: string;
  readonly township: string | null;
  readonly propertyCompany: string | null;
  readonly takenAt: string;
  readonly points: number;
}

export interface OverdueItem {
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly assignmentId: string;
  readonly unit: string;
  readonly township: string | null;
  readonly propertyCompany: string | null;
  readonly missed: 'acknowledge' | 'resolve';
  readonly dueAt: string;
  readonly hoursOverdue: number;
}

export interface MonthFacts {
  readonly month: string;
  readonly asOf: Date;
  readonly cases: readonly MonthCase[];
  readonly assignments: readonly AssignmentFact[];
  readonly supervisionOrders: readonly SupervisionOrder[];
  readonly overdue: readonly OverdueItem[];
  /** Households served per property company, where the district has entered them. */
  readonly households: ReadonlyMap<string, number>;
}

type Figure = Omit<Indicator, 'drillDown'> & { caseIds: readonly string[] };

const figure = (indicator: Indicator): Figure => ({
  value:
    indicator.value === null
      ? null
      : Math.round(indicator.value * 10_000) / 10_000,
  numerator: indicator.numerator,
  denominator: indicator.denominator,
  formula: indicator.formula,
  caseIds: indicator.drillDown.numerator,
});

/** 办结率 of the month's complaints: done cases over cases received. */
function caseResolutionRate(cases: readonly MonthCase[]): Figure {
  return figure(
    ratio(
      '办结率 = 本月受理已办结案件数 ÷ 本月受理案件数',
      cases.filter((c) => c.done).map((c) => c.caseId),
      cases.map((c) => c.caseId),
    ),
  );
}

/**
 * 附件1—3 item 五 deductions that case data can show. 五.2: a complaint the
 * company did not fix, so the resident called the hotline again or was
 * unsatisfied at 回访 (a repeat call or a 重办), 2 points each. 五.4: a media
 * report (channel media) still not fixed, 5 points each.
 * LIMITATION: 五.1 治安案件, 五.3 整改通知 ignored and the severe 10-point media
 * case are not in case events; the report leaves them to the inspectors.
 */
export function caseDrivenIncidents(cases: readonly MonthCase[]) {
  return {
    escalatedUnfixed: cases.filter(
      (c) => c.repeatCount > 0 || c.reopenCount > 0,
    ).length,
    mediaExposedUnfixed: cases.filter((c) => c.channel === 'media' && !c.done)
      .length,
  };
}

/** The 5th of the month after: when the townships' report is due. */
export function dueDate(month: string): string {
  const [year, index] = month.split('-').map(Number);
  const next =
    index === 12
      ? `${year + 1}-01`
      : `${year}-${String(index + 1).padStart(2, '0')}`;
  return `${next}-05`;
}

export function buildMonthlyReport(facts: MonthFacts) {
  const byTownship = groupBy(facts.cases, (c) => c.township ?? 'unknown');
  const byCompany = groupBy(
    facts.cases.filter((c) => c.propertyCompany),
    (c) => c.propertyCompany as string,
  );
  const ordersBy = (
    key: (o: SupervisionOrder) => string | null,
    value: string,
  ) => facts.supervisionOrders.filter((o) => key(o) === value);

  const townships = [...byTownship.entries()].sort().map(([code, cases]) => {
    const orders = ordersBy((o) => o.township ?? 'unknown', code);
    return {
      township: code,
      name: TOWNSHIPS.find((t) => t.code === code)?.name ?? '未定属地',
      complaints: cases.length,
      resolutionRate: caseResolutionRate(cases),
      onTimeResolutionRate: figure(
        onTimeResolutionRate(
          facts.assignments.filter((a) =>
            cases.some((c) => c.caseId === a.caseId),
          ),
          facts.asOf,
        ),
      ),
      overdue: facts.overdue.filter((o) => (o.township ?? 'unknown') === code)
        .length,
      supervisionOrders: orders.length,
    };
  });

  const propertyCompanies = [...byCompany.entries()]
    .sort()
    .map(([company, cases]) => {
      const households = facts.households.get(company) ?? null;
      const ids = cases.map((c) => c.caseId);
      const rate =
        households === null
          ? {
              value: cases.length,
              numerator: cases.length,
              denominator: null,
              formula: '投诉率：服务户数未登记，按投诉件数计',
              basis: 'count' as const,
            }
          : {
              ...figure(complaintRate(ids, households)),
              value: complaintRate(ids, households).value,
              basis: 'households' as const,
            };
      const orders = ordersBy((o) => o.propertyCompany, company).length;
      const deductions = complaintDeductions(caseDrivenIncidents(cases));
      const supervisionPoints = supervisionOrderDeduction(orders);
      const indicativeScore = Math.max(
        0,
        100 - deductions.total - supervisionPoints,
      );
      return {
        company,
        households,
        complaints: cases.length,
        complaintRate: rate,
        resolutionRate: caseResolutionRate(cases),
        supervisionOrders: orders,
        deductions: {
          complaintItems: deductions.items,
          complaintPoints: deductions.total,
          supervisionPoints,
          total: deductions.total + supervisionPoints,
        },
        indicativeScore,
        indicativeStars: starRating(indicativeScore),
      };
    });

  const unitCodes = [
    ...new Set(facts.supervisionOrders.map((o) => o.unit)),
  ].sort();
  const units = unitCodes.map((unit) => {
    const orders = ordersBy((o) => o.unit, unit).length;
    const assignments = facts.assignments.filter((a) => a.unit === unit);
    return {
      unit,
      name: findUnit(unit)?.name ?? unit,
      supervisionOrders: orders,
      pointsDeducted: supervisionOrderDeduction(orders),
      resolutionRate: figure(resolutionRate(assignments)),
    };
  });

  return {
    month: facts.month,
    asOf: facts.asOf.toISOString(),
    dueBy: dueDate(facts.month),
    notice: `各镇街应于${dueDate(facts.month)}前（次月5日前）报送本月物业投诉率、办结率。`,
    scoringNotes: [
      '督办单：每份扣2分（兖州区城区物业管理监督考核暂行办法）。',
      '投诉扣分（附件1—3 第五项）：向物业反映后未整改又投诉或回访不满意重办的，每件扣2分；媒体曝光后未整改的，每件扣5分。治安案件、整改通知未整改、恶劣影响的媒体曝光不在案件数据中，需考评人员另行填报。',
      '参考得分 = 100 − 以上扣分，仅反映案件数据可计算的扣分；星级按年度考评得分评定，此处星级仅供参考。',
    ],
    totals: {
      complaints: facts.cases.length,
      resolutionRate: caseResolutionRate(facts.cases),
      supervisionOrders: facts.supervisionOrders.length,
      overdue: facts.overdue.length,
    },
    townships,
    propertyCompanies,
    units,
    overdue: facts.overdue,
    supervisionOrders: facts.supervisionOrders,
  };
}

export type MonthlyReport = ReturnType<typeof buildMonthlyReport>;

function groupBy<T>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
