import fc from 'fast-check';
import { Actor, DomainEvent, EVENT_VERSIONS, EventOf } from '../events';
import { evolveCase, replayCase } from './case.evolve';
import { initialCaseState } from './case.state';

const CASE = 'case-7';
const actor: Actor = { kind: 'system', id: 'system' };

let seq = 0;
function fact<T extends DomainEvent['type']>(
  type: T,
  minute: number,
  data: EventOf<T>['data'],
  id = `e-${++seq}`,
): EventOf<T> {
  return {
    type,
    version: EVENT_VERSIONS[type],
    id,
    caseId: CASE,
    occurredAt: new Date(Date.UTC(2025, 2, 12, 2, minute)).toISOString(),
    actor,
    data,
  } as unknown as EventOf<T>;
}

const received = (minute = 0) =>
  fact('ComplaintReceived', minute, {
    caseNumber: 'YZ-7',
    channel: 'hotline',
    urgency: 'normal',
    description: '楼道堆物',
    address: { text: '龙桥街道某小区' },
    receivedAt: '2025-03-12T02:00:00.000Z',
    callerRef: null,
    anonymous: true,
    confidential: false,
    attachments: [],
  });

const issued = (assignmentId: string, unit: string, minute: number, hop = 0) =>
  fact('AssignmentIssued', minute, {
    assignmentId,
    unit,
    role: 'lead',
    matterType: 'clutter',
    clause: { document: '意见', section: '二', item: '(三)3' },
    acknowledgeDueAt: '2025-03-12T09:00:00.000Z',
    resolveDueAt: '2025-03-21T09:00:00.000Z',
    caseNumber: 'YZ-7',
    decisionId: 'd-1',
    township: 'longqiao',
    urgency: 'normal',
    description: '楼道堆物',
    address: { text: '龙桥街道某小区' },
    confidential: false,
    callerRef: null,
    coordinator: null,
    hop,
  });

const acked = (assignmentId: string, unit: string, minute: number) =>
  fact('AssignmentAcknowledged', minute, { assignmentId, unit, onTime: true });

const resolvedBy = (assignmentId: string, unit: string, minute: number) =>
  fact('AssignmentResolved', minute, {
    assignmentId,
    unit,
    result: '已清理',
    evidence: [],
    onTime: true,
  });

const returnedBy = (assignmentId: string, unit: string, minute: number) =>
  fact('AssignmentReturned', minute, {
    assignmentId,
    unit,
    reason: '非本单位职责',
    legalBasis: '《意见》二',
  });

const followUp = (satisfied: boolean, minute: number) =>
  fact('FollowUpRecorded', minute, {
    satisfaction: satisfied ? 5 : 2,
    satisfied,
    note: '',
  });

describe('evolveCase: the life of a case', () => {
  it('opens when the complaint is received', () => {
    expect(replayCase([received()]).view).toMatchObject({
      status: 'open',
      caseNumber: 'YZ-7',
    });
  });

  it('is routed once an assignment is issued, in progress once a unit signs', () => {
    const events = [received(), issued('a1', 'chengguan', 1)];
    expect(replayCase(events).view.status).toBe('routed');
    expect(
      replayCase([...events, acked('a1', 'chengguan', 2)]).view.status,
    ).toBe('in-progress');
  });

  it('is resolved only when every unit still responsible has reported', () => {
    const events = [
      received(),
      issued('a1', 'chengguan', 1),
      issued('a2', 'renfang', 1),
      acked('a1', 'chengguan', 2),
      acked('a2', 'renfang', 2),
      resolvedBy('a1', 'chengguan', 3),
    ];
    expect(replayCase(events).view.status).toBe('in-progress');
    expect(
      replayCase([...events, resolvedBy('a2', 'renfang', 4)]).view.status,
    ).toBe('resolved');
  });

  it('does not wait for a unit that returned the case', () => {
    const events = [
      received(),
      issued('a1', 'chengguan', 1),
      issued('a2', 'renfang', 1),
      returnedBy('a2', 'renfang', 2),
      acked('a1', 'chengguan', 2),
      resolvedBy('a1', 'chengguan', 3),
    ];
    expect(replayCase(events).view).toMatchObject({
      status: 'resolved',
      hops: 1,
    });
  });

  it('goes back to routing when its only unit returns it', () => {
    const events = [received(), issued('a1', 'chengguan', 1)];
    expect(
      replayCase([...events, returnedBy('a1', 'chengguan', 2)]).view.status,
    ).toBe('awaiting-routing');
  });

  it('waits in the manual dispatch queue when routing cannot decide', () => {
    const queued = fact('CaseQueuedForManualDispatch', 1, {
      reason: 'ambiguous-township',
      suggestions: [],
      townshipCandidates: ['新兖镇', '大安镇'],
      hop: 0,
    });
    expect(replayCase([received(), queued]).view.status).toBe(
      'manual-dispatch',
    );
  });

  it('moves to follow-up, then to reopened when the resident is not satisfied, counting it', () => {
    const done = [
      received(),
      issued('a1', 'chengguan', 1),
      acked('a1', 'chengguan', 2),
      resolvedBy('a1', 'chengguan', 3),
      followUp(false, 4),
    ];
    expect(replayCase(done).view.status).toBe('follow-up');

    const reopened = fact('CaseReopened', 5, {
      reason: '不满意',
      reopenCount: 1,
      units: ['chengguan'],
    });
    const view = replayCase([...done, reopened]).view;
    expect(view).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(view.assignments.a1.status).toBe('reopened');

    const again = replayCase([
      ...done,
      reopened,
      resolvedBy('a1', 'chengguan', 6),
    ]).view;
    expect(again.status).toBe('resolved');
  });

  it('closes after a satisfied follow-up', () => {
    const view = replayCase([
      received(),
      issued('a1', 'chengguan', 1),
      acked('a1', 'chengguan', 2),
      resolvedBy('a1', 'chengguan', 3),
      followUp(true, 4),
      fact('CaseClosed', 5, { reason: '满意' }),
    ]).view;
    expect(view).toMatchObject({ status: 'closed', lastFollowUp: { satisfied: true } });
  });

  it('counts repeat complaints', () => {
    const repeat = (minute: number, repeatCount: number) =>
      fact('RepeatComplaintAttached', minute, {
        callerRef: null,
        channel: 'hotline',
        description: '又来了',
        receivedAt: '2025-03-12T03:00:00.000Z',
        repeatCount,
      });
    expect(
      replayCase([received(), repeat(1, 1), repeat(2, 2)]).view.repeatCount,
    ).toBe(2);
  });

  it('counts escalations and the points they cost', () => {
    const escalated = fact('CaseEscalated', 9, {
      assignmentId: 'a1',
      unit: 'chengguan',
      step: 'supervision-order',
      reason: '超期',
      pointsDeducted: 2,
      township: 'longqiao',
    });
    const view = replayCase([
      received(),
      issued('a1', 'chengguan', 1),
      escalated,
    ]).view;
    expect(view).toMatchObject({ escalations: 1, pointsDeducted: 2 });
  });
});

describe('evolveCase: late and duplicated events', () => {
  it('changes nothing when an event id is applied again', () => {
    const ack = acked('a1', 'chengguan', 2);
    const once = replayCase([received(), issued('a1', 'chengguan', 1), ack]);
    expect(evolveCase(once, ack)).toBe(once);
  });

  it('holds an acknowledgement that arrives before its assignment and applies it when the assignment arrives', () => {
    const opened = received();
    const ack = acked('a1', 'chengguan', 2);
    const issue = issued('a1', 'chengguan', 1);

    const early = replayCase([opened, ack]);
    expect(early.view.pending).toEqual([ack]);
    expect(early.view.status).toBe('open');

    const late = evolveCase(early, issue);
    expect(late.view.pending).toEqual([]);
    expect(late.view.status).toBe('in-progress');
    expect(late).toEqual(replayCase([opened, issue, ack]));
  });

  it('holds an acknowledgement stamped before its assignment by a skewed clock', () => {
    const view = replayCase([
      received(0),
      acked('a1', 'chengguan', 1),
      issued('a1', 'chengguan', 2),
    ]).view;
    expect(view.pending).toEqual([]);
    expect(view.assignments.a1.status).toBe('acknowledged');
  });

  it('keeps a closed case closed whatever arrives after', () => {
    const view = replayCase([
      received(),
      issued('a1', 'chengguan', 1),
      fact('CaseClosed', 5, { reason: '撤诉' }),
      issued('a2', 'renfang', 6),
    ]).view;
    expect(view.status).toBe('closed');
  });
});

describe('evolveCase: properties', () => {
  /** A plausible history of one case, each event once, in time order. */
  const history = fc
    .record({
      units: fc.array(
        fc.record({
          outcome: fc.constantFrom(
            'issued',
            'acknowledged',
            'extended',
            'resolved',
            'returned',
          ),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      repeats: fc.nat(3),
      followUp: fc.constantFrom('none', 'satisfied', 'unsatisfied'),
    })
    .map(({ units, repeats, followUp: fu }) => {
      const events: DomainEvent[] = [received(0)];
      let minute = 1;

      for (let r = 1; r <= repeats; r++) {
        events.push(
          fact('RepeatComplaintAttached', minute++, {
            callerRef: null,
            channel: 'wechat',
            description: '重复',
            receivedAt: '2025-03-12T03:00:00.000Z',
            repeatCount: r,
          }),
        );
      }

      units.forEach(({ outcome }, index) => {
        const id = `a${index}`;
        const unit = `unit-${index}`;
        events.push(issued(id, unit, minute++));
        if (outcome === 'returned') {
          events.push(returnedBy(id, unit, minute++));
          return;
        }
        if (outcome === 'issued') {
          return;
        }
        events.push(acked(id, unit, minute++));
        if (outcome === 'extended') {
          events.push(
            fact('ExtensionRequested', minute++, {
              assignmentId: id,
              unit,
              requestedDueAt: '2025-03-30T09:00:00.000Z',
              reason: '需要时间',
            }),
            fact('ExtensionGranted', minute++, {
              assignmentId: id,
              unit,
              previousDueAt: '2025-03-21T09:00:00.000Z',
              newDueAt: '2025-03-30T09:00:00.000Z',
              reason: '同意',
            }),
          );
        }
        if (outcome === 'resolved') {
          events.push(resolvedBy(id, unit, minute++));
        }
      });

      if (fu !== 'none') {
        events.push(followUp(fu === 'satisfied', minute++));
        events.push(
          fu === 'satisfied'
            ? fact('CaseClosed', minute++, { reason: '满意' })
            : fact('CaseReopened', minute++, {
                reason: '不满意',
                reopenCount: 1,
                units: units.map((_, index) => `unit-${index}`),
              }),
        );
      }

      return events;
    });

  /** The same events delivered again and again, in any order. */
  const redelivered = history.chain((events) =>
    fc
      .array(fc.nat(events.length - 1), { maxLength: events.length * 2 })
      .map((extra) => extra.map((index) => events[index]))
      .chain((duplicates) =>
        fc.shuffledSubarray([...events, ...duplicates], {
          minLength: events.length + duplicates.length,
        }),
      )
      .map((delivered) => ({ events, delivered })),
  );

  it('yields the same state from duplicated, redelivered and shuffled events as from one delivery in order', () => {
    fc.assert(
      fc.property(redelivered, ({ events, delivered }) => {
        expect(replayCase(delivered)).toEqual(replayCase(events));
      }),
      { numRuns: 300 },
    );
  });

  it('yields the same state when every event is delivered twice in a row', () => {
    fc.assert(
      fc.property(history, (events) => {
        const twice = events.flatMap((event) => [event, event]);
        expect(replayCase(twice)).toEqual(replayCase(events));
      }),
    );
  });

  it('leaves nothing pending once every event has arrived', () => {
    fc.assert(
      fc.property(redelivered, ({ delivered }) => {
        expect(replayCase(delivered).view.pending).toEqual([]);
      }),
    );
  });

  it('starts from the empty state', () => {
    expect(replayCase([])).toBe(initialCaseState);
  });
});
