import { DomainError } from '../errors/domain-error';

/**
 * Scoring rules of 兖州区城区物业管理监督考核暂行办法 (district gazette 2015
 * No. 11) for one residential property project.
 */

/** 每开出一份"督办单"在考核积分中扣 2 分. */
export const SUPERVISION_ORDER_POINTS = 2;

export function supervisionOrderDeduction(supervisionOrders: number): number {
  assertCount(supervisionOrders, 'supervisionOrders');
  return supervisionOrders * SUPERVISION_ORDER_POINTS;
}

export type StarRating = 0 | 1 | 2 | 3 | 4 | 5;

/**
 * 星级 by annual average score. The gazette gives each band with its upper
 * end included: "95 分以上" five stars, "90—95(含95)" four, "85—90(含90)"
 * three, "80—85(含85)" two, "60—80(含80)" one. So exactly 95 is four stars,
 * and five needs more than 95. 60 itself is read as one star; below 60 there
 * is no star.
 */
export function starRating(annualScore: number): StarRating {
  assertScore(annualScore, 'annualScore');

  if (annualScore > 95) return 5;
  if (annualScore > 90) return 4;
  if (annualScore > 85) return 3;
  if (annualScore > 80) return 2;
  if (annualScore >= 60) return 1;
  return 0;
}

export interface ServiceScores {
  /** 区住建局 */
  readonly housingBureau: number;
  /** 街道 */
  readonly subdistrict: number;
  /** 社区 */
  readonly community: number;
}

/** 物业服务质量评分 = 40 % 住建局 + 30 % 街道 + 30 % 社区. */
export function serviceQualityScore(scores: ServiceScores): number {
  assertScore(scores.housingBureau, 'housingBureau');
  assertScore(scores.subdistrict, 'subdistrict');
  assertScore(scores.community, 'community');

  const weighted =
    0.4 * scores.housingBureau +
    0.3 * scores.subdistrict +
    0.3 * scores.community;
  // Rounded to hundredths so 0.1-style float noise never moves a star band.
  return Math.round(weighted * 100) / 100;
}

/**
 * 季度考评得分一年内有两次低于 60 分的, the 街道 recommends that the owners'
 * assembly end the property service contract.
 */
export function recommendEndingContract(
  quarterlyScoresOfOneYear: readonly number[],
): boolean {
  if (quarterlyScoresOfOneYear.length > 4) {
    throw new DomainError(
      'SCORING.TOO_MANY_QUARTERS',
      'a year has at most four quarterly scores',
      'quarterlyScores',
    );
  }

  return quarterlyScoresOfOneYear.filter((score) => score < 60).length >= 2;
}

/**
 * 附件1—3 物业项目服务质量考评标准, item 五 (治安, 业主投诉、信访等事件案件整改情况):
 * deductions from the total score, per occurrence.
 */
export interface ComplaintIncidents {
  /** 1. 因物业管理不善引发的治安案件: 2 points each. */
  readonly securityIncidents?: number;
  /** 2. 向物业反映后未整改而向市物业管理部门、市长热线、信访投诉: 2 points each. */
  readonly escalatedUnfixed?: number;
  /** 3. 投诉经查实发放整改通知后未整改: 4 points each. */
  readonly rectificationNoticeIgnored?: number;
  /** 4. 媒体曝光后未整改: 5 points each. */
  readonly mediaExposedUnfixed?: number;
  /** 4. 媒体曝光后未整改, 造成恶劣影响: 10 points each. */
  readonly mediaExposedSevere?: number;
}

export const COMPLAINT_DEDUCTION_POINTS: Readonly<
  Record<keyof ComplaintIncidents, number>
> = {
  securityIncidents: 2,
  escalatedUnfixed: 2,
  rectificationNoticeIgnored: 4,
  mediaExposedUnfixed: 5,
  mediaExposedSevere: 10,
};

export interface Deduction {
  readonly total: number;
  readonly items: readonly {
    readonly kind: keyof ComplaintIncidents;
    readonly count: number;
    readonly points: number;
  }[];
}

export function complaintDeductions(incidents: ComplaintIncidents): Deduction {
  const items = (
    Object.keys(COMPLAINT_DEDUCTION_POINTS) as (keyof ComplaintIncidents)[]
  )
    .map((kind) => {
      const occurrences = incidents[kind] ?? 0;
      assertCount(occurrences, kind);
      return {
        kind,
        count: occurrences,
        points: occurrences * COMPLAINT_DEDUCTION_POINTS[kind],
      };
    })
    .filter((item) => item.count > 0);

  return { total: items.reduce((sum, item) => sum + item.points, 0), items };
}

function assertCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainError(
      'SCORING.INVALID_COUNT',
      `${field} must be a whole number, zero or more`,
      field,
    );
  }
}

function assertScore(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new DomainError(
      'SCORING.INVALID_SCORE',
      `${field} must be a score between 0 and 100`,
      field,
    );
  }
}
