import { DEFAULT_MATRIX, decideRouting } from '@lianzhi/domain';
import { Dispatch, dispatchEvents } from './dispatch-events';
import { RoutingCase } from './routing-case';
import { unitsToIssue } from './routing-engine';

const routingCase: RoutingCase = {
  caseId: 'case-1',
  caseNumber: 'YZ20260302001',
  description: '邻居遛狗不拴绳。楼下晚上跳广场舞太吵。楼顶还有人搭棚子。',
  address: { text: '兖州区鼓楼街道某小区3号楼' },
  category: null,
  urgency: 'normal',
  townshipHint: null,
  confidential: true,
  callerRef: 'ref-1',
  propertyCompany: '某物业公司',
  receivedAt: '2026-03-02T01:00:00.000Z',
  status: 'manual',
  township: null,
  hop: 0,
  bounces: 0,
  excludedUnits: [],
  firstDispatchedAt: null,
  firstDispatchChanged: false,
};

function dispatchOf(description: string): Dispatch {
  const decision = decideRouting({
    description,
    address: routingCase.address.text,
    matrix: DEFAULT_MATRIX,
  });
  return {
    decisionId: 'decision-1',
    kind: 'automatic',
    matrixVersion: DEFAULT_MATRIX.version,
    matterTypes: decision.matterTypes,
    township: decision.township,
    townshipCandidates: decision.townshipCandidates,
    coordinator: decision.coordinator,
    joint: decision.joint,
    hop: 0,
    manualDecision: false,
    explanation: decision.explanation,
    issuedAt: new Date(routingCase.receivedAt),
    issue: unitsToIssue(DEFAULT_MATRIX, decision),
  };
}

const context = {
  actor: { kind: 'system' as const, id: 'routing' },
  occurredAt: new Date('2026-03-02T01:00:05.000Z'),
  causationId: '8a7e5a62-3f0e-4a8f-9d0b-7d3c1c1e2f10',
};

describe('dispatchEvents', () => {
  it('publishes the decision, one assignment per unit and joint enforcement when two enforcement units act', () => {
    const { events } = dispatchEvents(
      routingCase,
      dispatchOf(routingCase.description),
      context,
    );

    expect(events.map((e) => e.type)).toEqual([
      'CaseRouted',
      'AssignmentIssued',
      'AssignmentIssued',
      'JointEnforcementOpened',
    ]);
    const joint = events[3];
    expect(joint.type === 'JointEnforcementOpened' && joint.data).toMatchObject({
      coordinator: 'gulou',
      decisionId: 'decision-1',
    });
  });

  it('carries what a unit needs on each assignment, the caller only as an opaque reference', () => {
    const { events } = dispatchEvents(
      { ...routingCase, confidential: false },
      dispatchOf('顶楼那家在楼顶又搭了个棚子住人'),
      context,
    );
    const issued = events.find((e) => e.type === 'AssignmentIssued');

    expect(issued?.data).toMatchObject({
      unit: 'chengguan',
      caseNumber: 'YZ20260302001',
      confidential: false,
      callerRef: 'ref-1',
      propertyCompany: '某物业公司',
      hop: 0,
    });
    expect(issued?.causationId).toBe(context.causationId);
  });

  it('hides even the reference to the caller from the units of a confidential case', () => {
    const { events } = dispatchEvents(
      routingCase,
      dispatchOf('顶楼那家在楼顶又搭了个棚子住人'),
      context,
    );
    const issued = events.find((e) => e.type === 'AssignmentIssued');

    expect(issued?.data).toMatchObject({ confidential: true, callerRef: null });
  });

  it('counts the clocks from the issue instant, not from when routing ran', () => {
    const dispatch = dispatchOf('顶楼那家在楼顶又搭了个棚子住人');
    const early = dispatchEvents(routingCase, dispatch, context).assignments;
    const late = dispatchEvents(routingCase, dispatch, {
      ...context,
      occurredAt: new Date('2026-03-09T01:00:00.000Z'),
    }).assignments;

    expect(late).toEqual(early);
    // Monday 09:00 Shanghai + 1 working hour.
    expect(early[0].acknowledgeDueAt).toBe('2026-03-02T02:00:00.000Z');
  });

  it('names the same events when the same decision is replayed', () => {
    const dispatch = dispatchOf('顶楼那家在楼顶又搭了个棚子住人');
    const first = dispatchEvents(routingCase, dispatch, context).events;
    const again = dispatchEvents(routingCase, dispatch, context).events;

    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
  });

  it('runs a critical call on emergency clocks whatever the matter', () => {
    const dispatch = dispatchOf('顶楼那家在楼顶又搭了个棚子住人');
    const [normal] = dispatchEvents(routingCase, dispatch, context).assignments;
    const [critical] = dispatchEvents(
      { ...routingCase, urgency: 'critical' },
      dispatch,
      context,
    ).assignments;

    expect(critical.acknowledgeDueAt).toBe('2026-03-02T02:00:00.000Z');
    expect(critical.resolveDueAt).toBe('2026-03-02T03:00:00.000Z');
    expect(new Date(normal.resolveDueAt).getTime()).toBeGreaterThan(
      new Date(critical.resolveDueAt).getTime(),
    );
  });

  it('does not reopen joint enforcement for a replacement after a return', () => {
    const dispatch = {
      ...dispatchOf(routingCase.description),
      openJoint: false,
    };
    const { events } = dispatchEvents(routingCase, dispatch, context);

    expect(events.map((e) => e.type)).not.toContain('JointEnforcementOpened');
  });
});
