import { randomUUID } from 'node:crypto';
import { DomainEvent, SYSTEM_ACTOR } from '@lianzhi/domain';
import {
  acknowledged,
  eventOf,
  openedCase,
  resolved,
  returned,
} from './case-events';

/**
 * A small month to count by hand (March 2026, Asia/Shanghai), plus one case
 * of February that no March figure may include.
 *
 * A  鼓楼 鲁兴物业  城管: signed and resolved on time, satisfied, closed.
 * B  鼓楼 鲁兴物业  城管: signed late, never resolved; called twice more; one 督办单.
 * C  龙桥 金鼎物业 (media)  园林 returned, 城管 resolved late, unsatisfied, reopened, open.
 * D  龙桥 (no company)  住建: extension granted, resolved inside it, closed.
 * E  鼓楼, February: resolved and closed.
 */
export function marchFixture() {
  const ids = {
    A: randomUUID(),
    B: randomUUID(),
    C: randomUUID(),
    D: randomUUID(),
    E: randomUUID(),
  };
  const at = (day: number, hour = 0) =>
    new Date(Date.UTC(2026, 2, day, hour)).toISOString();

  const a = openedCase({
    caseId: ids.A,
    caseNumber: 'YZ-A',
    township: 'gulou',
    propertyCompany: '鲁兴物业',
    receivedAt: at(2),
    units: ['chengguan'],
  });
  const b = openedCase({
    caseId: ids.B,
    caseNumber: 'YZ-B',
    township: 'gulou',
    propertyCompany: '鲁兴物业',
    receivedAt: at(2),
    units: ['chengguan'],
  });
  const c = openedCase({
    caseId: ids.C,
    caseNumber: 'YZ-C',
    township: 'longqiao',
    propertyCompany: '金鼎物业',
    channel: 'media',
    receivedAt: at(2),
    units: ['yuanlin', 'chengguan'],
  });
  const d = openedCase({
    caseId: ids.D,
    caseNumber: 'YZ-D',
    township: 'longqiao',
    receivedAt: at(3),
    units: ['zhujian'],
  });
  const e = openedCase({
    caseId: ids.E,
    caseNumber: 'YZ-E',
    township: 'gulou',
    receivedAt: new Date(Date.UTC(2026, 1, 10)).toISOString(),
    units: ['chengguan'],
  });

  const events: Record<keyof typeof ids, DomainEvent[]> = {
    A: [
      ...a.events,
      acknowledged(ids.A, a.assignments.chengguan, 'chengguan', at(2, 1)),
      resolved(ids.A, a.assignments.chengguan, 'chengguan', at(5)),
      eventOf('FollowUpRecorded', ids.A, at(6), {
        satisfaction: 5,
        satisfied: true,
        note: '满意',
      }),
      eventOf('CaseClosed', ids.A, at(6, 1), { reason: '回访满意，结案' }),
    ],
    B: [
      ...b.events,
      acknowledged(ids.B, b.assignments.chengguan, 'chengguan', at(2, 3)),
      eventOf('RepeatComplaintAttached', ids.B, at(8), {
        callerRef: null,
        channel: 'hotline',
        description: '又来电',
        receivedAt: at(8),
        repeatCount: 1,
      }),
      eventOf('RepeatComplaintAttached', ids.B, at(12), {
        callerRef: null,
        channel: 'hotline',
        description: '第三次来电',
        receivedAt: at(12),
        repeatCount: 2,
      }),
      eventOf(
        'CaseEscalated',
        ids.B,
        at(11),
        {
          assignmentId: b.assignments.chengguan,
          unit: 'chengguan',
          step: 'supervision-order',
          reason: '超过办结时限未办结，督办单，扣2分',
          pointsDeducted: 2,
          township: 'gulou',
        },
        SYSTEM_ACTOR,
      ),
    ],
    C: [
      ...c.events,
      returned(ids.C, c.assignments.yuanlin, 'yuanlin', at(2, 1)),
      acknowledged(ids.C, c.assignments.chengguan, 'chengguan', at(2, 1)),
      resolved(ids.C, c.assignments.chengguan, 'chengguan', at(10)),
      eventOf('FollowUpRecorded', ids.C, at(11), {
        satisfaction: 2,
        satisfied: false,
        note: '仍未拆除',
      }),
      eventOf('CaseReopened', ids.C, at(12), {
        reason: '回访不满意',
        reopenCount: 1,
        units: ['chengguan'],
      }),
    ],
    D: [
      ...d.events,
      acknowledged(ids.D, d.assignments.zhujian, 'zhujian', at(3, 1)),
      eventOf('ExtensionRequested', ids.D, at(8), {
        assignmentId: d.assignments.zhujian,
        unit: 'zhujian',
        requestedDueAt: at(20),
        reason: '需鉴定',
      }),
      eventOf('ExtensionGranted', ids.D, at(8, 2), {
        assignmentId: d.assignments.zhujian,
        unit: 'zhujian',
        previousDueAt: at(10),
        newDueAt: at(20),
        reason: '同意',
      }),
      resolved(ids.D, d.assignments.zhujian, 'zhujian', at(15)),
      eventOf('CaseClosed', ids.D, at(16), { reason: '办结' }),
    ],
    E: [
      ...e.events,
      acknowledged(
        ids.E,
        e.assignments.chengguan,
        'chengguan',
        new Date(Date.UTC(2026, 1, 10, 1)).toISOString(),
      ),
      resolved(
        ids.E,
        e.assignments.chengguan,
        'chengguan',
        new Date(Date.UTC(2026, 1, 12)).toISOString(),
      ),
      eventOf(
        'CaseClosed',
        ids.E,
        new Date(Date.UTC(2026, 1, 13)).toISOString(),
        { reason: '办结' },
      ),
    ],
  };
  return { ids, events };
}
