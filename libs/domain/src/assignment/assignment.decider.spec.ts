import {
  Actor,
  AssignmentIssued,
  DomainEvent,
  EVENT_VERSIONS,
  EventOf,
} from '../events';
import { AssignmentCommand } from './assignment.commands';
import { AssignmentPolicy, decideAssignment } from './assignment.decider';
import { assignmentFromCaseEvents, replayAssignment } from './assignment.evolve';

const CASE = 'case-1';
const A1 = 'asg-1';
const liaison: Actor = { kind: 'user', id: 'u-1', unit: 'chengguan' };
const otherLiaison: Actor = { kind: 'user', id: 'u-2', unit: 'zhujian' };
const office: Actor = { kind: 'user', id: 'u-9', role: 'district-office' };

const ISSUED_AT = '2025-03-12T02:00:00.000Z';
const ACK_DUE = '2025-03-12T03:00:00.000Z';
const RESOLVE_DUE = '2025-03-21T02:00:00.000Z';

let seq = 0;
function fact<T extends DomainEvent['type']>(
  type: T,
  occurredAt: string,
  data: EventOf<T>['data'],
  actor: Actor = liaison,
): EventOf<T> {
  seq += 1;
  return {
    type,
    version: EVENT_VERSIONS[type],
    id: `given-${seq}`,
    caseId: CASE,
    occurredAt,
    actor,
    data,
  } as unknown as EventOf<T>;
}

const ref = { assignmentId: A1, unit: 'chengguan' };

const issued = (): AssignmentIssued =>
  fact(
    'AssignmentIssued',
    ISSUED_AT,
    {
      assignmentId: A1,
      unit: 'chengguan',
      role: 'lead',
      matterType: 'illegal-building',
      clause: { document: '意见', section: '二', item: '(三)1' },
      acknowledgeDueAt: ACK_DUE,
      resolveDueAt: RESOLVE_DUE,
      caseNumber: 'YZ-1',
      decisionId: 'd-1',
      township: 'longqiao',
      urgency: 'normal',
      description: '违建',
      address: { text: '龙桥街道' },
      confidential: false,
      callerRef: null,
      coordinator: null,
      hop: 0,
    },
    office,
  );
const acknowledged = () =>
  fact('AssignmentAcknowledged', '2025-03-12T02:30:00.000Z', {
    ...ref,
    onTime: true,
  });
const extensionRequested = () =>
  fact('ExtensionRequested', '2025-03-14T02:00:00.000Z', {
    ...ref,
    requestedDueAt: '2025-03-28T02:00:00.000Z',
    reason: '需要测绘',
  });
const resolved = () =>
  fact('AssignmentResolved', '2025-03-18T02:00:00.000Z', {
    ...ref,
    result: '已拆除',
    evidence: [],
    onTime: true,
  });
const followUp = (satisfied: boolean) =>
  fact(
    'FollowUpRecorded',
    '2025-03-19T02:00:00.000Z',
    { satisfaction: satisfied ? 5 : 1, satisfied, note: '' },
    office,
  );

interface Scenario {
  given: DomainEvent[];
  when: AssignmentCommand;
  at: string;
  policy?: AssignmentPolicy;
}

function decide({ given, when, at, policy }: Scenario) {
  let ids = 0;
  return decideAssignment(when, replayAssignment(given), {
    now: () => new Date(at),
    newId: () => `new-${++ids}`,
    policy,
  });
}

/** The events decided, without the envelope noise. */
function then(scenario: Scenario) {
  return decide(scenario).map((e) => ({ type: e.type, data: e.data }));
}

function thenFails(scenario: Scenario, code: string, field?: string) {
  expect(() => decide(scenario)).toThrow(
    expect.objectContaining({
      name: 'DomainError',
      code,
      ...(field ? { field } : {}),
    }),
  );
}

const ack: AssignmentCommand = { type: 'AcknowledgeAssignment', actor: liaison };
const returnCmd: AssignmentCommand = {
  type: 'ReturnAssignment',
  actor: liaison,
  reason: '不属于本单位职责',
  legalBasis: '《意见》二(二)3',
};
const transferCmd: AssignmentCommand = {
  type: 'TransferAssignment',
  actor: liaison,
  toUnit: 'zhujian',
  reason: '属住建局职责',
};
const requestExt: AssignmentCommand = {
  type: 'RequestExtension',
  actor: liaison,
  requestedDueAt: '2025-03-28T02:00:00.000Z',
  reason: '需要测绘',
};
const grant: AssignmentCommand = {
  type: 'GrantExtension',
  actor: office,
  reason: '同意',
};
const deny: AssignmentCommand = {
  type: 'DenyExtension',
  actor: office,
  reason: '理由不充分',
};
const resolve: AssignmentCommand = {
  type: 'ResolveAssignment',
  actor: liaison,
  result: '已拆除',
};
const reopen: AssignmentCommand = {
  type: 'ReopenAssignment',
  actor: office,
  reason: '居民不满意',
};
const close: AssignmentCommand = {
  type: 'CloseAssignment',
  actor: office,
  reason: '居民满意',
};

describe('签收 AcknowledgeAssignment', () => {
  it('acknowledges an issued assignment on time before the deadline', () => {
    expect(
      then({ given: [issued()], when: ack, at: '2025-03-12T02:59:00Z' }),
    ).toEqual([
      { type: 'AssignmentAcknowledged', data: { ...ref, onTime: true } },
    ]);
  });

  it('records a late acknowledgement as not on time', () => {
    expect(
      then({ given: [issued()], when: ack, at: '2025-03-12T03:01:00Z' }),
    ).toEqual([
      { type: 'AssignmentAcknowledged', data: { ...ref, onTime: false } },
    ]);
  });

  it('refuses a second acknowledgement', () => {
    thenFails(
      { given: [issued(), acknowledged()], when: ack, at: ISSUED_AT },
      'ASSIGNMENT.ALREADY_ACKNOWLEDGED',
    );
  });

  it('refuses a unit the case is not assigned to', () => {
    thenFails(
      {
        given: [issued()],
        when: { type: 'AcknowledgeAssignment', actor: otherLiaison },
        at: ISSUED_AT,
      },
      'ASSIGNMENT.WRONG_UNIT',
      'unit',
    );
  });

  it('refuses when nothing has been issued', () => {
    thenFails({ given: [], when: ack, at: ISSUED_AT }, 'ASSIGNMENT.NOT_ISSUED');
  });

  it('produces a full envelope with id, case, time, actor and version', () => {
    const [event] = decide({
      given: [issued()],
      when: ack,
      at: '2025-03-12T02:10:00Z',
    });
    expect(event).toEqual({
      type: 'AssignmentAcknowledged',
      version: 1,
      id: 'new-1',
      caseId: CASE,
      occurredAt: '2025-03-12T02:10:00.000Z',
      actor: liaison,
      data: { ...ref, onTime: true },
    });
  });
});

describe('退单 ReturnAssignment', () => {
  it('returns the case with its reason and legal basis before the acknowledge deadline', () => {
    expect(
      then({ given: [issued()], when: returnCmd, at: '2025-03-12T02:30:00Z' }),
    ).toEqual([
      {
        type: 'AssignmentReturned',
        data: {
          ...ref,
          reason: '不属于本单位职责',
          legalBasis: '《意见》二(二)3',
        },
      },
    ]);
  });

  it('requires a reason', () => {
    thenFails(
      {
        given: [issued()],
        when: { ...returnCmd, reason: '  ' } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.FIELD_REQUIRED',
      'reason',
    );
  });

  it('requires the legal basis', () => {
    thenFails(
      {
        given: [issued()],
        when: { ...returnCmd, legalBasis: '' } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.FIELD_REQUIRED',
      'legalBasis',
    );
  });

  it('refuses a return after the acknowledge deadline', () => {
    thenFails(
      { given: [issued()], when: returnCmd, at: '2025-03-12T03:00:01Z' },
      'ASSIGNMENT.RETURN_WINDOW_PASSED',
    );
  });

  it('allows a signed assignment to be returned within a configured window', () => {
    expect(
      then({
        given: [issued(), acknowledged()],
        when: returnCmd,
        at: '2025-03-13T01:00:00Z',
        policy: { returnWindowHours: 24 },
      }).map((e) => e.type),
    ).toEqual(['AssignmentReturned']);
  });

  it('refuses a return after the configured window', () => {
    thenFails(
      {
        given: [issued()],
        when: returnCmd,
        at: '2025-03-13T02:00:01Z',
        policy: { returnWindowHours: 24 },
      },
      'ASSIGNMENT.RETURN_WINDOW_PASSED',
    );
  });

  it('refuses a return once an extension was requested', () => {
    thenFails(
      {
        given: [issued(), acknowledged(), extensionRequested()],
        when: returnCmd,
        at: '2025-03-12T02:40:00Z',
      },
      'ASSIGNMENT.RETURN_WINDOW_PASSED',
    );
  });

  it('refuses a return after resolution', () => {
    thenFails(
      {
        given: [issued(), acknowledged(), resolved()],
        when: returnCmd,
        at: '2025-03-12T02:40:00Z',
      },
      'ASSIGNMENT.ALREADY_RESOLVED',
    );
  });

  it('refuses a return from another unit', () => {
    thenFails(
      {
        given: [issued()],
        when: { ...returnCmd, actor: otherLiaison } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.WRONG_UNIT',
    );
  });

  it('refuses anything once the assignment was returned', () => {
    const returned = fact('AssignmentReturned', '2025-03-12T02:20:00.000Z', {
      ...ref,
      reason: 'x',
      legalBasis: 'y',
    });
    for (const when of [ack, returnCmd, transferCmd, resolve]) {
      thenFails(
        { given: [issued(), returned], when, at: ISSUED_AT },
        'ASSIGNMENT.RETURNED',
      );
    }
  });
});

describe('转办 TransferAssignment', () => {
  it('transfers the case to the unit named', () => {
    expect(
      then({ given: [issued()], when: transferCmd, at: ISSUED_AT }),
    ).toEqual([
      {
        type: 'AssignmentTransferred',
        data: { ...ref, toUnit: 'zhujian', reason: '属住建局职责' },
      },
    ]);
  });

  it('requires the unit to transfer to', () => {
    thenFails(
      {
        given: [issued()],
        when: { ...transferCmd, toUnit: '' } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.FIELD_REQUIRED',
      'toUnit',
    );
  });

  it('refuses a transfer to the same unit', () => {
    thenFails(
      {
        given: [issued()],
        when: { ...transferCmd, toUnit: 'chengguan' } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.SAME_UNIT',
      'toUnit',
    );
  });

  it('refuses a transfer while an extension is pending', () => {
    thenFails(
      {
        given: [issued(), acknowledged(), extensionRequested()],
        when: transferCmd,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.TRANSFER_NOT_ALLOWED',
    );
  });

  it('refuses a transfer after resolution', () => {
    thenFails(
      {
        given: [issued(), acknowledged(), resolved()],
        when: transferCmd,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.ALREADY_RESOLVED',
    );
  });

  it('refuses anything once the assignment was transferred', () => {
    const transferred = fact(
      'AssignmentTransferred',
      '2025-03-12T02:20:00.000Z',
      { ...ref, toUnit: 'zhujian', reason: 'x' },
    );
    for (const when of [ack, resolve, requestExt]) {
      thenFails(
        { given: [issued(), transferred], when, at: ISSUED_AT },
        'ASSIGNMENT.TRANSFERRED',
      );
    }
  });
});

describe('延期 RequestExtension, GrantExtension, DenyExtension', () => {
  it('requests a later deadline before the current one passes', () => {
    expect(
      then({
        given: [issued(), acknowledged()],
        when: requestExt,
        at: '2025-03-20T02:00:00Z',
      }),
    ).toEqual([
      {
        type: 'ExtensionRequested',
        data: {
          ...ref,
          requestedDueAt: '2025-03-28T02:00:00.000Z',
          reason: '需要测绘',
        },
      },
    ]);
  });

  it('refuses a request before acknowledgement', () => {
    thenFails(
      { given: [issued()], when: requestExt, at: ISSUED_AT },
      'ASSIGNMENT.NOT_ACKNOWLEDGED',
    );
  });

  it('refuses a request after the deadline', () => {
    thenFails(
      {
        given: [issued(), acknowledged()],
        when: requestExt,
        at: '2025-03-21T02:00:01Z',
      },
      'EXTENSION.DEADLINE_PASSED',
    );
  });

  it('refuses a requested date that is not later than the current deadline', () => {
    thenFails(
      {
        given: [issued(), acknowledged()],
        when: { ...requestExt, requestedDueAt: RESOLVE_DUE } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'EXTENSION.NOT_LATER',
      'requestedDueAt',
    );
  });

  it('refuses an extension so long it would switch the clock off', () => {
    thenFails(
      {
        given: [issued(), acknowledged()],
        when: {
          ...requestExt,
          requestedDueAt: '9999-12-31T23:59:59Z',
        } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'EXTENSION.TOO_LONG',
      'requestedDueAt',
    );
  });

  it('refuses an unreadable requested date', () => {
    thenFails(
      {
        given: [issued(), acknowledged()],
        when: { ...requestExt, requestedDueAt: 'soon' } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.INVALID_INSTANT',
      'requestedDueAt',
    );
  });

  it('requires a reason', () => {
    thenFails(
      {
        given: [issued(), acknowledged()],
        when: { ...requestExt, reason: '' } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.FIELD_REQUIRED',
      'reason',
    );
  });

  it('refuses a second request while one is pending', () => {
    thenFails(
      {
        given: [issued(), acknowledged(), extensionRequested()],
        when: requestExt,
        at: ISSUED_AT,
      },
      'EXTENSION.ALREADY_PENDING',
    );
  });

  it('refuses a request after resolution', () => {
    thenFails(
      {
        given: [issued(), acknowledged(), resolved()],
        when: requestExt,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.ALREADY_RESOLVED',
    );
  });

  it('grants the requested date and moves the deadline', () => {
    const given = [issued(), acknowledged(), extensionRequested()];
    expect(then({ given, when: grant, at: '2025-03-14T03:00:00Z' })).toEqual([
      {
        type: 'ExtensionGranted',
        data: {
          ...ref,
          previousDueAt: RESOLVE_DUE,
          newDueAt: '2025-03-28T02:00:00.000Z',
          reason: '同意',
        },
      },
    ]);

    const after = replayAssignment([
      ...given,
      ...decide({ given, when: grant, at: '2025-03-14T03:00:00Z' }),
    ]);
    expect(after).toMatchObject({
      status: 'acknowledged',
      resolveDueAt: '2025-03-28T02:00:00.000Z',
      extensionsGranted: 1,
    });
  });

  it('grants another date than the one asked when the office decides so', () => {
    expect(
      then({
        given: [issued(), acknowledged(), extensionRequested()],
        when: { ...grant, newDueAt: '2025-03-25T02:00:00Z' } as AssignmentCommand,
        at: ISSUED_AT,
      })[0].data,
    ).toMatchObject({ newDueAt: '2025-03-25T02:00:00.000Z' });
  });

  it('denies a pending request and keeps the deadline', () => {
    const given = [issued(), acknowledged(), extensionRequested()];
    const events = decide({ given, when: deny, at: ISSUED_AT });
    expect(events.map((e) => e.type)).toEqual(['ExtensionDenied']);
    expect(replayAssignment([...given, ...events])).toMatchObject({
      status: 'acknowledged',
      resolveDueAt: RESOLVE_DUE,
    });
  });

  it('refuses to grant or deny when nothing is pending', () => {
    for (const when of [grant, deny]) {
      thenFails(
        { given: [issued(), acknowledged()], when, at: ISSUED_AT },
        'EXTENSION.NOT_PENDING',
      );
    }
  });
});

describe('处置反馈 ResolveAssignment', () => {
  it('resolves an acknowledged assignment on time', () => {
    expect(
      then({
        given: [issued(), acknowledged()],
        when: resolve,
        at: '2025-03-20T02:00:00Z',
      }),
    ).toEqual([
      {
        type: 'AssignmentResolved',
        data: { ...ref, result: '已拆除', evidence: [], onTime: true },
      },
    ]);
  });

  it('records a resolution after the deadline as late', () => {
    expect(
      then({
        given: [issued(), acknowledged()],
        when: resolve,
        at: '2025-03-22T02:00:00Z',
      })[0].data,
    ).toMatchObject({ onTime: false });
  });

  it('resolves while an extension is pending, which drops the request', () => {
    const given = [issued(), acknowledged(), extensionRequested()];
    const events = decide({ given, when: resolve, at: ISSUED_AT });
    expect(replayAssignment([...given, ...events]).status).toBe('resolved');
  });

  it('refuses to resolve before acknowledgement', () => {
    thenFails(
      { given: [issued()], when: resolve, at: ISSUED_AT },
      'ASSIGNMENT.NOT_ACKNOWLEDGED',
    );
  });

  it('requires a result', () => {
    thenFails(
      {
        given: [issued(), acknowledged()],
        when: { ...resolve, result: ' ' } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.FIELD_REQUIRED',
      'result',
    );
  });

  it('refuses a second resolution', () => {
    thenFails(
      {
        given: [issued(), acknowledged(), resolved()],
        when: resolve,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.ALREADY_RESOLVED',
    );
  });

  it('refuses a resolution from another unit', () => {
    thenFails(
      {
        given: [issued(), acknowledged()],
        when: { ...resolve, actor: otherLiaison } as AssignmentCommand,
        at: ISSUED_AT,
      },
      'ASSIGNMENT.WRONG_UNIT',
    );
  });
});

describe('重办 ReopenAssignment and 结案 CloseAssignment', () => {
  const done = () => [issued(), acknowledged(), resolved()];

  it('reopens a resolved assignment after an unsatisfied follow-up', () => {
    expect(
      then({
        given: [...done(), followUp(false)],
        when: reopen,
        at: '2025-03-19T03:00:00Z',
      }),
    ).toEqual([
      {
        type: 'CaseReopened',
        data: { reason: '居民不满意', reopenCount: 1, units: ['chengguan'] },
      },
    ]);
  });

  it('gives a reopened assignment a fresh resolve clock and lets the unit resolve again', () => {
    const given = [...done(), followUp(false)];
    const reopened = decide({ given, when: reopen, at: '2025-03-19T03:00:00Z' });
    const state = replayAssignment([...given, ...reopened]);
    expect(state).toMatchObject({
      status: 'reopened',
      reopenCount: 1,
      resolveDueAt: '2025-03-28T03:00:00.000Z',
    });

    expect(
      then({
        given: [...given, ...reopened],
        when: resolve,
        at: '2025-03-20T03:00:00Z',
      })[0].data,
    ).toMatchObject({ onTime: true });
  });

  it('refuses to reopen without an unsatisfied follow-up', () => {
    for (const given of [done(), [...done(), followUp(true)]]) {
      thenFails(
        { given, when: reopen, at: ISSUED_AT },
        'ASSIGNMENT.FOLLOW_UP_NOT_UNSATISFIED',
      );
    }
  });

  it('refuses to reopen what is not resolved', () => {
    thenFails(
      { given: [issued(), acknowledged()], when: reopen, at: ISSUED_AT },
      'ASSIGNMENT.NOT_RESOLVED',
    );
  });

  it('closes a resolved assignment', () => {
    expect(
      then({
        given: [...done(), followUp(true)],
        when: close,
        at: ISSUED_AT,
      }),
    ).toEqual([{ type: 'CaseClosed', data: { reason: '居民满意' } }]);
  });

  it('refuses to close after an unsatisfied follow-up', () => {
    thenFails(
      { given: [...done(), followUp(false)], when: close, at: ISSUED_AT },
      'ASSIGNMENT.FOLLOW_UP_UNSATISFIED',
    );
  });

  it('refuses to close what is not resolved', () => {
    thenFails(
      { given: [issued(), acknowledged()], when: close, at: ISSUED_AT },
      'ASSIGNMENT.NOT_RESOLVED',
    );
  });

  it('refuses anything once closed', () => {
    const closed = fact('CaseClosed', '2025-03-20T00:00:00.000Z', {
      reason: 'ok',
    });
    for (const when of [ack, resolve, close, reopen, grant]) {
      expect(() =>
        decide({ given: [...done(), closed], when, at: ISSUED_AT }),
      ).toThrow(
        expect.objectContaining({
          code: expect.stringMatching(/^ASSIGNMENT\.CLOSED$/),
        }),
      );
    }
  });
});

describe('evolveAssignment', () => {
  it('applies a redelivered event once', () => {
    const events = [issued(), acknowledged(), extensionRequested()];
    const granted = fact('ExtensionGranted', '2025-03-15T00:00:00.000Z', {
      ...ref,
      previousDueAt: RESOLVE_DUE,
      newDueAt: '2025-03-28T02:00:00.000Z',
      reason: 'ok',
    });
    const once = replayAssignment([...events, granted]);
    const twice = replayAssignment([...events, granted, granted, events[1]]);
    expect(twice).toEqual(once);
  });

  it('ignores events about another assignment of the same case', () => {
    const other = fact('AssignmentAcknowledged', ISSUED_AT, {
      assignmentId: 'asg-2',
      unit: 'zhujian',
      onTime: true,
    });
    expect(replayAssignment([issued(), other]).status).toBe('issued');
  });

  it('picks one assignment out of a whole case stream', () => {
    const secondIssue = { ...issued(), id: 'other-issue' };
    const stream = [
      { ...secondIssue, data: { ...secondIssue.data, assignmentId: 'asg-2' } },
      issued(),
      acknowledged(),
    ] as DomainEvent[];
    expect(assignmentFromCaseEvents(stream, A1)).toMatchObject({
      status: 'acknowledged',
      assignmentId: A1,
    });
  });
});
