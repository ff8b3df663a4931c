import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Consumer, Producer } from 'kafkajs';
import request from 'supertest';
import {
  AssignmentIssued,
  DomainEvent,
  EVENT_VERSIONS,
  EventOf,
  JointEnforcementOpened,
  TOPICS,
  UNITS,
  unitTopic,
  Urgency,
} from '@lianzhi/domain';
import { Clock, createService } from '@lianzhi/platform';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
  tokenFor,
} from '@lianzhi/platform/testing';
import { AppModule } from '../src/app.module';

const HOUR = 3_600_000;

/**
 * The gateway on the real broker and database, with routing played by the
 * test: it publishes routing's events onto the routing topic and reads what
 * the gateway publishes on its own.
 */
export class GatewayHarness {
  readonly published: DomainEvent[] = [];

  private constructor(
    readonly env: TestEnvironment,
    private readonly serviceEnv: NodeJS.ProcessEnv,
    public app: NestExpressApplication,
    private readonly producer: Producer,
    private readonly collector: Consumer,
  ) {}

  static async start(
    name: string,
    extra: Record<string, string> = {},
  ): Promise<GatewayHarness> {
    // Unit topics exist before the service starts, as every deployment
    // creates them; the gateway only fills in any that are missing.
    const env = await createTestEnvironment(
      name,
      UNITS.map((u) => unitTopic(u.code)),
    );
    const serviceEnv = env.env({
      CLOCK: 'manual',
      GATEWAY_REMINDER_INTERVAL_MS: '0',
      GATEWAY_DELIVERY_POLL_MS: '50',
      GATEWAY_WEBHOOK_BACKOFF_MS: '50',
      ...extra,
    });
    const app = await boot(serviceEnv, new Date());

    const producer = env.kafka().producer();
    await producer.connect();
    const collector = env.kafka().consumer({
      groupId: `${env.topicPrefix}.test-collector`,
      maxWaitTimeInMs: 200,
    });
    await collector.connect();
    await collector.subscribe({
      topics: [env.topic(TOPICS.gateway)],
      fromBeginning: true,
    });

    const harness = new GatewayHarness(
      env,
      serviceEnv,
      app,
      producer,
      collector,
    );
    await collector.run({
      eachMessage: async ({ message }) => {
        harness.published.push(JSON.parse(message.value!.toString()));
      },
    });
    return harness;
  }

  get clock(): Clock {
    return this.app.get(Clock);
  }

  /** Stops the service and starts a fresh one on the same database and topics. */
  async restart(): Promise<void> {
    const now = this.clock.now();
    await this.app.close();
    this.app = await boot(this.serviceEnv, now);
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async stop(): Promise<void> {
    await this.collector?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.app?.close();
    const admin = this.env.kafka().admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) =>
      t.startsWith(`${this.env.topicPrefix}.lianzhi.unit.`),
    );
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
    await this.env.dispose();
  }

  /** Publishes routing's events, as routing would, onto the routing topic. */
  async publishRouting(...events: DomainEvent[]): Promise<void> {
    await this.producer.send({
      topic: this.env.topic(TOPICS.routing),
      acks: -1,
      messages: events.map((e) => ({ key: e.caseId, value: JSON.stringify(e) })),
    });
  }

  /** Issues one assignment and waits until it is in the unit's inbox. */
  async issue(
    options: Partial<AssignmentIssued['data']> & {
      caseId?: string;
      unit: string;
    },
  ): Promise<{ caseId: string; assignmentId: string; event: AssignmentIssued }> {
    const now = this.clock.now();
    const caseId = options.caseId ?? randomUUID();
    const assignmentId = options.assignmentId ?? randomUUID();
    const event = routingEvent('AssignmentIssued', caseId, now, {
      assignmentId,
      role: 'lead',
      matterType: 'illegal-building',
      clause: { document: '执法联动机制的意见', section: '二', item: '(三)1' },
      acknowledgeDueAt: new Date(now.getTime() + HOUR).toISOString(),
      resolveDueAt: new Date(now.getTime() + 7 * 24 * HOUR).toISOString(),
      caseNumber: `YZ-${caseId.slice(0, 8)}`,
      decisionId: randomUUID(),
      township: 'longqiao',
      urgency: 'normal' as Urgency,
      description: '小区绿地被占用搭建彩钢房 🏗️',
      address: { text: '龙桥街道 九州花园 3号楼', township: 'longqiao' },
      confidential: false,
      callerRef: `caller-${caseId.slice(0, 8)}`,
      coordinator: null,
      hop: 0,
      ...options,
    });
    await this.publishRouting(event);
    await this.assignmentRow(assignmentId);
    return { caseId, assignmentId, event };
  }

  async openJoint(
    caseId: string,
    coordinator: string,
    units: string[],
  ): Promise<JointEnforcementOpened> {
    const event = routingEvent('JointEnforcementOpened', caseId, this.clock.now(), {
      coordinator,
      units,
      decisionId: randomUUID(),
    });
    await this.publishRouting(event);
    await eventually(
      async () =>
        (
          await this.env.query(
            `select 1 from gateway.joint_cases where case_id = $1`,
            [caseId],
          )
        ).length > 0,
      { what: 'the joint case' },
    );
    return event;
  }

  async assignmentRow(assignmentId: string) {
    return eventually(
      async () =>
        (
          await this.env.query<{ status: string }>(
            `select * from gateway.assignments where assignment_id = $1`,
            [assignmentId],
          )
        )[0],
      { what: `assignment ${assignmentId}` },
    );
  }

  /** Waits for an event the gateway published on its topic. */
  async gatewayEvent<T extends DomainEvent['type']>(
    type: T,
    where: (event: EventOf<T>) => boolean = () => true,
  ): Promise<EventOf<T>> {
    return eventually(
      async () =>
        this.published.find(
          (e): e is EventOf<T> => e.type === type && where(e as EventOf<T>),
        ),
      { what: `${type} on the gateway topic` },
    );
  }
}

async function boot(
  env: NodeJS.ProcessEnv,
  now: Date,
): Promise<NestExpressApplication> {
  const app = await createService(AppModule.register(env), 'agency-gateway');
  await app.init();
  // Time stands still unless a test moves it, so deadlines are exact.
  app.get(Clock).set(now);
  return app;
}

export function routingEvent<T extends DomainEvent['type']>(
  type: T,
  caseId: string,
  at: Date,
  data: EventOf<T>['data'],
): EventOf<T> {
  return {
    type,
    version: EVENT_VERSIONS[type],
    id: randomUUID(),
    caseId,
    occurredAt: at.toISOString(),
    actor: { kind: 'system', id: 'routing' },
    data,
  } as unknown as EventOf<T>;
}

export const HOURS = HOUR;

export function liaison(unit: string, sub = `liaison-${unit}`): string {
  return `Bearer ${tokenFor({ sub, name: '联络员', role: 'liaison', unit })}`;
}

export function coordinator(township: string): string {
  return `Bearer ${tokenFor({
    sub: `coordinator-${township}`,
    name: '协调员',
    role: 'township',
    township,
  })}`;
}

export function district(role: 'dispatcher' | 'supervisor' = 'dispatcher'): string {
  return `Bearer ${tokenFor({ sub: `${role}-1`, name: '区办', role })}`;
}

export function operator(): string {
  return `Bearer ${tokenFor({ sub: 'operator-1', name: '话务员', role: 'operator' })}`;
}
