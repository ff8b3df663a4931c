import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  acknowledged,
  eventOf,
  openedCase,
  resolved,
  returned,
} from '../../e2e/support/case-events';
import { projectCase } from './case-projector';

const caseId = randomUUID();
const opened = openedCase({
  caseId,
  caseNumber: 'YZ-1',
  township: 'gulou',
  receivedAt: '2026-03-02T00:00:00.000Z',
  propertyCompany: '鲁兴物业',
  units: ['chengguan', 'yuanlin'],
});
const { chengguan, yuanlin } = opened.assignments;
const history = [
  ...opened.events,
  acknowledged(caseId, chengguan, 'chengguan', '2026-03-02T00:30:00.000Z'),
  returned(caseId, yuanlin, 'yuanlin', '2026-03-02T00:40:00.000Z'),
  resolved(caseId, chengguan, 'chengguan', '2026-03-04T00:00:00.000Z'),
  eventOf('FollowUpRecorded', caseId, '2026-03-05T00:00:00.000Z', {
    satisfaction: 2,
    satisfied: false,
    note: '仍未拆除',
  }),
  eventOf('CaseReopened', caseId, '2026-03-05T01:00:00.000Z', {
    reason: '回访不满意',
    reopenCount: 1,
    units: ['chengguan'],
  }),
  resolved(caseId, chengguan, 'chengguan', '2026-03-06T00:00:00.000Z'),
];

describe('case projection', () => {
  it('derives the case and its assignments from the events', () => {
    const { case: row, assignments } = projectCase(history);
    expect(row).toMatchObject({
      caseNumber: 'YZ-1',
      township: 'gulou',
      propertyCompany: '鲁兴物业',
      resolved: true,
      reopenCount: 1,
      satisfied: false,
      hops: 1,
      joint: true,
      firstDispatchAccurate: false,
    });
    const byUnit = Object.fromEntries(assignments.map((a) => [a.unit, a]));
    expect(byUnit.chengguan).toMatchObject({
      acknowledgedAt: '2026-03-02T00:30:00.000Z',
      resolvedAt: '2026-03-06T00:00:00.000Z',
      reopenCount: 1,
      returned: false,
    });
    expect(byUnit.yuanlin).toMatchObject({ returned: true, resolvedAt: null });
  });

  it('gives the same rows whatever the order and however often events arrive', () => {
    const expected = projectCase(history);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(history, {
          minLength: history.length,
          maxLength: history.length,
        }),
        fc.array(fc.integer({ min: 0, max: history.length - 1 }), {
          maxLength: 5,
        }),
        (shuffled, repeats) => {
          const delivered = [...shuffled, ...repeats.map((i) => history[i])];
          expect(projectCase(delivered)).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keeps an acknowledgement stamped before its assignment was issued', () => {
    const early = acknowledged(
      caseId,
      chengguan,
      'chengguan',
      '2026-03-01T23:59:00.000Z',
    );
    const { assignments } = projectCase([...opened.events, early]);
    expect(
      assignments.find((a) => a.unit === 'chengguan')?.acknowledgedAt,
    ).toBe('2026-03-01T23:59:00.000Z');
  });
});
