import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  ComplaintReceived,
  DomainEvent,
  EVENT_VERSIONS,
  TOPICS,
} from '@lianzhi/domain';
import { createService } from '@lianzhi/platform';
import { TestEnvironment, tokenFor } from '@lianzhi/platform/testing';
import { AppModule } from '../src/app.module';

export async function startRouting(
  env: TestEnvironment,
  extra: Record<string, string> = {},
): Promise<NestExpressApplication> {
  const app = await createService(
    AppModule.register(env.env(extra)),
    'routing',
  );
  await app.init();
  return app;
}

export function complaint(
  overrides: Partial<ComplaintReceived['data']> = {},
  caseId: string = randomUUID(),
): ComplaintReceived {
  const receivedAt = '2026-03-02T01:00:00.000Z';
  return {
    type: 'ComplaintReceived',
    version: EVENT_VERSIONS.ComplaintReceived,
    id: randomUUID(),
    caseId,
    occurredAt: receivedAt,
    actor: { kind: 'user', id: 'operator-1', role: 'operator' },
    data: {
      caseNumber: `YZ${caseId.slice(0, 8)}`,
      channel: 'hotline',
      urgency: 'normal',
      description: '顶楼那家在楼顶又搭了个棚子住人',
      address: { text: '兖州区鼓楼街道某小区3号楼' },
      receivedAt,
      callerRef: 'caller-ref-1',
      anonymous: false,
      confidential: false,
      attachments: [],
      ...overrides,
    },
  };
}

export function gatewayEvent<T extends 'AssignmentReturned' | 'AssignmentTransferred'>(
  type: T,
  caseId: string,
  data: Extract<DomainEvent, { type: T }>['data'],
  occurredAt = new Date().toISOString(),
): DomainEvent {
  return {
    type,
    version: EVENT_VERSIONS[type],
    id: randomUUID(),
    caseId,
    occurredAt,
    actor: { kind: 'user', id: 'liaison-1', role: 'liaison', unit: data.unit },
    data,
  } as DomainEvent;
}

export async function publish(
  env: TestEnvironment,
  topic: string,
  messages: { key: string; value: string }[],
): Promise<void> {
  const producer = env.kafka().producer();
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) {
      await producer.send({
        topic: env.topic(topic),
        acks: -1,
        messages: messages.slice(i, i + 500),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

export function asMessages(events: DomainEvent[]) {
  return events.map((e) => ({ key: e.caseId, value: JSON.stringify(e) }));
}

/** Everything published on a topic since the test started, as it arrives. */
export class TopicRecorder {
  readonly events: DomainEvent[] = [];
  readonly raw: { value: string; headers: Record<string, string> }[] = [];
  private consumer: Consumer | null = null;

  constructor(
    private readonly env: TestEnvironment,
    private readonly topic: string,
  ) {}

  async start(): Promise<this> {
    this.consumer = this.env
      .kafka()
      .consumer({ groupId: `recorder-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.env.topic(this.topic),
      fromBeginning: true,
    });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value?.toString() ?? '';
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) {
          if (v !== undefined) headers[k] = v.toString();
        }
        this.raw.push({ value, headers });
        try {
          this.events.push(JSON.parse(value));
        } catch {
          // Not JSON: kept in raw only.
        }
      },
    });
    return this;
  }

  of<T extends DomainEvent['type']>(
    type: T,
    caseId?: string,
  ): Extract<DomainEvent, { type: T }>[] {
    return this.events.filter(
      (e) => e.type === type && (!caseId || e.caseId === caseId),
    ) as Extract<DomainEvent, { type: T }>[];
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export const ROUTING_TOPIC = TOPICS.routing;
export const INTAKE_TOPIC = TOPICS.intake;
export const GATEWAY_TOPIC = TOPICS.gateway;

export function bearer(
  role: string,
  extra: { unit?: string; township?: string } = {},
): string {
  return `Bearer ${tokenFor({ sub: `${role}-1`, name: '测试', role, ...extra })}`;
}
