import {
  acknowledgementRate,
  AssignmentFact,
  CaseFact,
  complaintRate,
  extensionRate,
  firstDispatchAccuracy,
  onTimeAcknowledgementRate,
  onTimeResolutionRate,
  overdueUnresolvedCount,
  reopenRate,
  repeatComplaints,
  resolutionRate,
  returnRate,
  satisfactionRate,
} from './indicators';

const asOf = new Date('2025-04-01T00:00:00Z');

function assignment(
  id: string,
  overrides: Partial<AssignmentFact> = {},
): AssignmentFact {
  return {
    assignmentId: id,
    caseId: `case-${id}`,
    unit: 'chengguan',
    issuedAt: '2025-03-01T00:00:00Z',
    acknowledgeDueAt: '2025-03-01T01:00:00Z',
    resolveDueAt: '2025-03-10T00:00:00Z',
    acknowledgedAt: null,
    resolvedAt: null,
    returned: false,
    transferred: false,
    extensionGranted: false,
    ...overrides,
  };
}

const onTimeDone = assignment('a', {
  acknowledgedAt: '2025-03-01T00:30:00Z',
  resolvedAt: '2025-03-05T00:00:00Z',
});
const lateDone = assignment('b', {
  acknowledgedAt: '2025-03-01T02:00:00Z',
  resolvedAt: '2025-03-12T00:00:00Z',
});
const overdue = assignment('c', { acknowledgedAt: '2025-03-01T00:10:00Z' });
const notYetDue = assignment('d', {
  acknowledgeDueAt: '2025-04-02T00:00:00Z',
  resolveDueAt: '2025-04-10T00:00:00Z',
});
const returned = assignment('e', { returned: true });
const extended = assignment('f', {
  acknowledgedAt: '2025-03-01T00:10:00Z',
  resolveDueAt: '2025-03-20T00:00:00Z',
  resolvedAt: '2025-03-15T00:00:00Z',
  extensionGranted: true,
});
const facts = [onTimeDone, lateDone, overdue, notYetDue, returned, extended];

describe('indicators over assignments', () => {
  it('签收率 counts signed assignments over those a unit kept', () => {
    expect(acknowledgementRate(facts)).toMatchObject({
      numerator: 4,
      denominator: 5,
      value: 0.8,
      formula: '签收率 = 已签收派单数 ÷ 派单数',
    });
  });

  it('按时签收率 counts only assignments whose acknowledge deadline has come', () => {
    const indicator = onTimeAcknowledgementRate(facts, asOf);
    expect(indicator).toMatchObject({ numerator: 3, denominator: 4 });
    expect(indicator.drillDown.numerator).toEqual(['a', 'c', 'f']);
  });

  it('办结率 counts resolved over kept assignments', () => {
    expect(resolutionRate(facts)).toMatchObject({ numerator: 3, denominator: 5 });
  });

  it('按期办结率 = 按期办结数 ÷ 应办结数, judged against the extended deadline', () => {
    const indicator = onTimeResolutionRate(facts, asOf);
    expect(indicator).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(indicator.drillDown.numerator).toEqual(['a', 'f']);
    expect(indicator.drillDown.denominator).toEqual(['a', 'b', 'c', 'f']);
  });

  it('超期未办结数 counts open assignments past their deadline', () => {
    expect(overdueUnresolvedCount(facts, asOf)).toMatchObject({
      value: 1,
      drillDown: { numerator: ['c'], denominator: ['c', 'd'] },
    });
  });

  it('退单率 counts returns over every assignment issued', () => {
    expect(returnRate(facts)).toMatchObject({ numerator: 1, denominator: 6 });
  });

  it('延期率 counts extensions granted', () => {
    expect(extensionRate(facts)).toMatchObject({ numerator: 1, denominator: 5 });
  });

  it('gives no value rather than zero when nothing was due', () => {
    expect(onTimeResolutionRate([], asOf)).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
    });
  });
});

describe('indicators over cases', () => {
  const caseFact = (id: string, overrides: Partial<CaseFact>): CaseFact => ({
    caseId: id,
    resolved: true,
    reopenCount: 0,
    repeatCount: 0,
    satisfied: null,
    ...overrides,
  });
  const cases = [
    caseFact('k1', { satisfied: true }),
    caseFact('k2', { satisfied: false, reopenCount: 1 }),
    caseFact('k3', { repeatCount: 2, satisfied: true }),
    caseFact('k4', { resolved: false, repeatCount: 1 }),
  ];

  it('重办率 counts reopened cases over resolved cases', () => {
    expect(reopenRate(cases)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('满意率 counts satisfied follow-ups over follow-ups made', () => {
    expect(satisfactionRate(cases)).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
  });

  it('counts a case as a repeat complaint from the third call on', () => {
    expect(repeatComplaints(cases)).toMatchObject({
      value: 1,
      drillDown: { numerator: ['k3'] },
    });
  });
});

describe('首派准确率', () => {
  it('counts dispatches no unit returned and that needed no unit added', () => {
    expect(
      firstDispatchAccuracy([
        { decisionId: 'd1', caseId: 'k1', anyUnitReturned: false, unitAdded: false },
        { decisionId: 'd2', caseId: 'k2', anyUnitReturned: true, unitAdded: false },
        { decisionId: 'd3', caseId: 'k3', anyUnitReturned: false, unitAdded: true },
        { decisionId: 'd4', caseId: 'k4', anyUnitReturned: false, unitAdded: false },
      ]),
    ).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
  });
});

describe('投诉率', () => {
  it('divides complaints by households served', () => {
    expect(complaintRate(['k1', 'k2'], 400)).toMatchObject({ value: 0.005 });
    expect(complaintRate([], 0).value).toBeNull();
  });
});
