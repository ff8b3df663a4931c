import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import {
  Actor,
  DomainEvent,
  DomainEventType,
  EVENT_VERSIONS,
  EventOf,
  SYSTEM_ACTOR,
  TOPICS,
} from '@lianzhi/domain';

/** Which service's topic carries each event. */
const TOPIC_OF: Record<DomainEventType, string> = {
  ComplaintReceived: TOPICS.intake,
  RepeatComplaintAttached: TOPICS.intake,
  CaseRouted: TOPICS.routing,
  AssignmentIssued: TOPICS.routing,
  JointEnforcementOpened: TOPICS.routing,
  CaseQueuedForManualDispatch: TOPICS.routing,
  CaseSentToArbitration: TOPICS.routing,
  CaseEscalated: TOPICS.reporting,
  JointMeetingDecided: TOPICS.reporting,
  AssignmentAcknowledged: TOPICS.gateway,
  AssignmentReturned: TOPICS.gateway,
  AssignmentTransferred: TOPICS.gateway,
  ExtensionRequested: TOPICS.gateway,
  ExtensionGranted: TOPICS.gateway,
  ExtensionDenied: TOPICS.gateway,
  AssignmentResolved: TOPICS.gateway,
  ReminderIssued: TOPICS.gateway,
  JointTaskAssigned: TOPICS.gateway,
  JointTaskReported: TOPICS.gateway,
  JointEnforcementClosed: TOPICS.gateway,
  FollowUpRecorded: TOPICS.gateway,
  CaseClosed: TOPICS.gateway,
  CaseReopened: TOPICS.gateway,
};

export function topicOf(event: DomainEvent): string {
  return TOPIC_OF[event.type];
}

export function eventOf<T extends DomainEventType>(
  type: T,
  caseId: string,
  occurredAt: string,
  data: EventOf<T>['data'],
  actor: Actor = SYSTEM_ACTOR,
): EventOf<T> {
  return {
    type,
    version: EVENT_VERSIONS[type],
    id: randomUUID(),
    caseId,
    occurredAt,
    actor,
    data,
  } as EventOf<T>;
}

const hours = (at: string, h: number) =>
  new Date(Date.parse(at) + h * 3600_000).toISOString();

export interface CaseScript {
  caseId: string;
  caseNumber: string;
  township: string;
  receivedAt: string;
  propertyCompany?: string;
  channel?: 'hotline' | 'media';
  units: string[];
}

/** 受理 and 派单 of a case: one assignment per unit, 签收 in 1 h, 办结 in 7 days. */
export function openedCase(script: CaseScript): {
  events: DomainEvent[];
  assignments: Record<string, string>;
} {
  const { caseId, receivedAt } = script;
  const decisionId = randomUUID();
  const routedAt = hours(receivedAt, 0.1);
  const assignments: Record<string, string> = {};
  const issued = script.units.map((unit) => {
    const assignmentId = randomUUID();
    assignments[unit] = assignmentId;
    return {
      assignmentId,
      unit,
      role: 'lead' as const,
      matterType: 'illegal-building',
      clause: { document: '意见', section: '二', item: '(三)1' },
      acknowledgeDueAt: hours(routedAt, 1),
      resolveDueAt: hours(routedAt, 7 * 24),
    };
  });

  const events: DomainEvent[] = [
    eventOf('ComplaintReceived', caseId, receivedAt, {
      caseNumber: script.caseNumber,
      channel: script.channel ?? 'hotline',
      urgency: 'normal',
      description: '小区绿地被占用搭建',
      address: { text: '某小区', township: script.township },
      receivedAt,
      callerRef: null,
      anonymous: true,
      confidential: false,
      propertyCompany: script.propertyCompany,
      attachments: [],
    }),
    eventOf('CaseRouted', caseId, routedAt, {
      decisionId,
      matrixVersion: 'v1',
      matterTypes: [],
      township: script.township,
      townshipCandidates: [script.township],
      assignments: issued,
      coordinator: script.units.length > 1 ? script.township : null,
      joint: script.units.length > 1,
      hop: 0,
      manualDecision: false,
      explanation: '依职责清单派单',
    }),
    ...issued.map((assignment) =>
      eventOf('AssignmentIssued', caseId, routedAt, {
        ...assignment,
        caseNumber: script.caseNumber,
        decisionId,
        township: script.township,
        urgency: 'normal',
        description: '小区绿地被占用搭建',
        address: { text: '某小区', township: script.township },
        confidential: false,
        callerRef: null,
        propertyCompany: script.propertyCompany,
        coordinator: null,
        hop: 0,
      }),
    ),
  ];
  return { events, assignments };
}

const liaison = (unit: string): Actor => ({
  kind: 'user',
  id: `liaison-${unit}`,
  role: 'liaison',
  unit,
});

export function acknowledged(
  caseId: string,
  assignmentId: string,
  unit: string,
  at: string,
) {
  return eventOf(
    'AssignmentAcknowledged',
    caseId,
    at,
    { assignmentId, unit, onTime: true },
    liaison(unit),
  );
}

export function resolved(
  caseId: string,
  assignmentId: string,
  unit: string,
  at: string,
) {
  return eventOf(
    'AssignmentResolved',
    caseId,
    at,
    { assignmentId, unit, result: '已拆除', evidence: [], onTime: true },
    liaison(unit),
  );
}

export function returned(
  caseId: string,
  assignmentId: string,
  unit: string,
  at: string,
) {
  return eventOf(
    'AssignmentReturned',
    caseId,
    at,
    { assignmentId, unit, reason: '非本单位职责', legalBasis: '意见 二(三)' },
    liaison(unit),
  );
}

/** Publishes events on their real topics, keyed by case, as the services do. */
export class EventPublisher {
  private producer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: (name: string) => string,
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer();
      await this.producer.connect();
    }
    for (const event of events) {
      await this.producer.send({
        topic: this.topic(topicOf(event)),
        acks: -1,
        messages: [{ key: event.caseId, value: JSON.stringify(event) }],
      });
    }
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}
