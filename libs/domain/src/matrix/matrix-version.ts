import { DomainError } from '../errors/domain-error';
import { isUnitCode } from '../units/units';
import { MatrixEntry, MatrixVersion, TOWNSHIP_OF_CASE } from './matrix-entry';
import { MATRIX_ENTRIES } from './responsibility-matrix.data';

/** The 职责清单 as the 2015 gazette set it out. */
export const DEFAULT_MATRIX: MatrixVersion = {
  version: '2015-11-04',
  effectiveFrom: '2015-11-04',
  entries: MATRIX_ENTRIES,
};

export interface MatrixProblem {
  readonly code: string;
  /** A path into the version, e.g. `entries[3].responsible[0].unit`. */
  readonly field: string;
  readonly message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MATTER_CODE = /^[a-z][a-z-]*\.[a-z][a-z-]*$/;

/**
 * Every problem of a matrix version, each naming its field; an empty list
 * means the version can be published.
 */
export function validateMatrix(matrix: MatrixVersion): MatrixProblem[] {
  const problems: MatrixProblem[] = [];
  const report = (code: string, field: string, message: string) =>
    problems.push({ code, field, message });

  if (!matrix.version || typeof matrix.version !== 'string') {
    report('MATRIX.VERSION_MISSING', 'version', '矩阵版本号不能为空');
  }
  if (!isIsoDate(matrix.effectiveFrom)) {
    report(
      'MATRIX.BAD_EFFECTIVE_DATE',
      'effectiveFrom',
      '生效日期须为 YYYY-MM-DD',
    );
  }
  if (!Array.isArray(matrix.entries) || matrix.entries.length === 0) {
    report('MATRIX.NO_ENTRIES', 'entries', '矩阵至少要有一个事项');
    return problems;
  }

  const seen = new Set<string>();
  matrix.entries.forEach((entry, i) => {
    validateEntry(entry, `entries[${i}]`, seen, report);
  });

  return problems;
}

/** Throws the first problem as a DomainError; for use at write boundaries. */
export function assertValidMatrix(matrix: MatrixVersion): void {
  const [first] = validateMatrix(matrix);
  if (first) {
    throw new DomainError(first.code, first.message, first.field);
  }
}

function validateEntry(
  entry: MatrixEntry,
  at: string,
  seen: Set<string>,
  report: (code: string, field: string, message: string) => void,
): void {
  if (!entry.code || !MATTER_CODE.test(entry.code)) {
    report('MATRIX.BAD_CODE', `${at}.code`, `事项编码无效：${entry.code}`);
  } else if (seen.has(entry.code)) {
    report('MATRIX.DUPLICATE_CODE', `${at}.code`, `事项编码重复：${entry.code}`);
  }
  seen.add(entry.code);

  if (!entry.label) {
    report('MATRIX.LABEL_MISSING', `${at}.label`, '事项名称不能为空');
  }
  if (!isCitation(entry.citation)) {
    report('MATRIX.CITATION_MISSING', `${at}.citation`, '事项须注明依据条款');
  }

  if (!entry.responsible || entry.responsible.length === 0) {
    report('MATRIX.NO_UNIT', `${at}.responsible`, '事项须有责任单位');
  } else {
    const units = new Set<string>();
    entry.responsible.forEach((r, j) => {
      const path = `${at}.responsible[${j}]`;
      if (r.unit !== TOWNSHIP_OF_CASE && !isUnitCode(r.unit)) {
        report('MATRIX.UNKNOWN_UNIT', `${path}.unit`, `未知单位编码：${r.unit}`);
      }
      if (units.has(r.unit)) {
        report('MATRIX.DUPLICATE_UNIT', `${path}.unit`, `单位重复：${r.unit}`);
      }
      units.add(r.unit);
      if (r.role !== 'lead' && r.role !== 'assist') {
        report('MATRIX.BAD_ROLE', `${path}.role`, `角色无效：${r.role}`);
      }
      if (!isCitation(r.clause)) {
        report('MATRIX.CITATION_MISSING', `${path}.clause`, '责任单位须注明依据条款');
      }
    });
    if (!entry.responsible.some((r) => r.role === 'lead')) {
      report('MATRIX.NO_LEAD', `${at}.responsible`, '事项须有牵头单位');
    }
  }

  validateLimits(entry, at, report);
}

function validateLimits(
  entry: MatrixEntry,
  at: string,
  report: (code: string, field: string, message: string) => void,
): void {
  const limits = entry.limits;
  if (!limits) {
    report('MATRIX.BAD_LIMITS', `${at}.limits`, '事项须有办理时限');
    return;
  }

  const keys = ['dispatchHours', 'acknowledgeHours', 'resolveHours'] as const;
  for (const key of keys) {
    if (!isPositive(limits[key])) {
      report('MATRIX.BAD_LIMITS', `${at}.limits.${key}`, `时限须为正数：${key}`);
    }
  }
  if (limits.onSiteHours !== undefined && !isPositive(limits.onSiteHours)) {
    report('MATRIX.BAD_LIMITS', `${at}.limits.onSiteHours`, '到场时限须为正数');
  }
  if (
    isPositive(limits.acknowledgeHours) &&
    isPositive(limits.resolveHours) &&
    limits.acknowledgeHours > limits.resolveHours
  ) {
    report(
      'MATRIX.BAD_LIMITS',
      `${at}.limits.acknowledgeHours`,
      '签收时限不能长于办结时限',
    );
  }
}

/**
 * The version in force at an instant: the latest whose effective date is not
 * after that day (Asia/Shanghai).
 */
export function matrixInForce(
  versions: readonly MatrixVersion[],
  at: string | Date,
): MatrixVersion {
  const day = shanghaiDay(at);
  const candidates = versions
    .filter((v) => v.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));

  if (candidates.length === 0) {
    throw new DomainError(
      'MATRIX.NONE_IN_FORCE',
      `${day} 没有生效的职责清单版本`,
      'at',
    );
  }
  return candidates[0];
}

export function findMatter(
  matrix: MatrixVersion,
  code: string,
): MatrixEntry | undefined {
  return matrix.entries.find((e) => e.code === code);
}

function shanghaiDay(at: string | Date): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) {
    throw new DomainError('MATRIX.BAD_INSTANT', `无效时间：${String(at)}`, 'at');
  }
  const shifted = new Date(instant.getTime() + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 10);
}

function isIsoDate(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    ISO_DATE.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

function isCitation(value: unknown): boolean {
  const c = value as { document?: unknown; section?: unknown; item?: unknown };
  return (
    !!c &&
    typeof c.document === 'string' &&
    c.document.length > 0 &&
    typeof c.section === 'string' &&
    c.section.length > 0 &&
    typeof c.item === 'string' &&
    c.item.length > 0
  );
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
