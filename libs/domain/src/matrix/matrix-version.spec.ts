import { isUnitCode } from '../units/units';
import { MatrixVersion, TOWNSHIP_OF_CASE } from './matrix-entry';
import {
  assertValidMatrix,
  DEFAULT_MATRIX,
  matrixInForce,
  validateMatrix,
} from './matrix-version';

function withEntry(patch: Record<string, unknown>): MatrixVersion {
  return {
    ...DEFAULT_MATRIX,
    entries: [{ ...DEFAULT_MATRIX.entries[0], ...patch }, ...DEFAULT_MATRIX.entries.slice(1)],
  };
}

describe('DEFAULT_MATRIX', () => {
  it('is valid', () => {
    expect(validateMatrix(DEFAULT_MATRIX)).toEqual([]);
  });

  it('cites a clause of section 二 for every duty of every unit', () => {
    const items = new Set(
      DEFAULT_MATRIX.entries.flatMap((e) => e.responsible.map((r) => r.clause.item)),
    );
    for (const item of ['(一)4', '(二)7', '(三)5', '(四)10', '(五)2', '(六)4', '(七)3', '(八)6', '(九)5', '(十)6', '(十一)4', '(十二)3', '(十三)3', '(十四)']) {
      expect(items).toContain(item);
    }
  });

  it('names only known units or the township of the case', () => {
    for (const e of DEFAULT_MATRIX.entries) {
      for (const r of e.responsible) {
        expect(r.unit === TOWNSHIP_OF_CASE || isUnitCode(r.unit)).toBe(true);
      }
    }
  });

  it('treats fire-lane blocking as an emergency', () => {
    const e = DEFAULT_MATRIX.entries.find((x) => x.code === 'gongan.fire-lane-blocking');
    expect(e?.urgency).toBe('critical');
    expect(e?.limits.resolveHours).toBe(2);
  });
});

describe('validateMatrix', () => {
  it.each([
    [{ responsible: [{ unit: 'nobody', role: 'lead', clause: DEFAULT_MATRIX.entries[0].citation }] }, 'entries[0].responsible[0].unit', 'MATRIX.UNKNOWN_UNIT'],
    [{ code: DEFAULT_MATRIX.entries[1].code }, 'entries[1].code', 'MATRIX.DUPLICATE_CODE'],
    [{ citation: undefined }, 'entries[0].citation', 'MATRIX.CITATION_MISSING'],
    [{ limits: { dispatchHours: 1, acknowledgeHours: 1, resolveHours: -3 } }, 'entries[0].limits.resolveHours', 'MATRIX.BAD_LIMITS'],
    [{ limits: { dispatchHours: 1, acknowledgeHours: 10, resolveHours: 2 } }, 'entries[0].limits.acknowledgeHours', 'MATRIX.BAD_LIMITS'],
  ])('rejects a bad entry naming the field (%#)', (patch, field, code) => {
    const problems = validateMatrix(withEntry(patch));
    expect(problems).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('rejects a bad effective date naming the field', () => {
    const problems = validateMatrix({ ...DEFAULT_MATRIX, effectiveFrom: '2015/11/04' });
    expect(problems.map((p) => p.field)).toEqual(['effectiveFrom']);
  });

  it('throws a DomainError with code and field at a write boundary', () => {
    expect(() => assertValidMatrix(withEntry({ citation: undefined }))).toThrow(
      expect.objectContaining({ code: 'MATRIX.CITATION_MISSING', field: 'entries[0].citation' }),
    );
  });
});

describe('matrixInForce', () => {
  const later: MatrixVersion = { ...DEFAULT_MATRIX, version: '2024-01', effectiveFrom: '2024-01-01' };

  it('picks the latest version already in force', () => {
    expect(matrixInForce([DEFAULT_MATRIX, later], '2024-06-01T00:00:00Z').version).toBe('2024-01');
    expect(matrixInForce([DEFAULT_MATRIX, later], '2023-06-01T00:00:00Z').version).toBe('2015-11-04');
  });

  it('uses the Shanghai calendar day', () => {
    expect(matrixInForce([DEFAULT_MATRIX, later], '2023-12-31T16:30:00Z').version).toBe('2024-01');
  });

  it('refuses an instant before any version', () => {
    expect(() => matrixInForce([later], '2020-01-01T00:00:00Z')).toThrow(
      expect.objectContaining({ code: 'MATRIX.NONE_IN_FORCE' }),
    );
  });
});
