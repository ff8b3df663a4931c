import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Consumer } from 'kafkajs';
import { createService } from '@lianzhi/platform';
import { TestEnvironment, tokenFor } from '@lianzhi/platform/testing';
import { AppModule } from '../src/app.module';

export async function bootIntake(
  env: TestEnvironment,
  extra: Record<string, string> = {},
): Promise<NestExpressApplication> {
  const app = await createService(AppModule.register(env.env(extra)), 'intake');
  await app.init();
  return app;
}

export const tokens = {
  operator: tokenFor({ sub: 'op1', name: '话务员一', role: 'operator' }),
  supervisor: tokenFor({ sub: 'super1', name: '区督查员一', role: 'supervisor' }),
  dispatcher: tokenFor({ sub: 'dispatch1', name: '区派遣员一', role: 'dispatcher' }),
  liaison: tokenFor({
    sub: 'zhujian1',
    name: '区住建局联络员',
    role: 'liaison',
    unit: 'zhujian',
  }),
  otherLiaison: tokenFor({
    sub: 'gongan1',
    name: '区公安局联络员',
    role: 'liaison',
    unit: 'gongan',
  }),
  township: tokenFor({
    sub: 'longqiao1',
    name: '龙桥街道协调员',
    role: 'township',
    township: 'longqiao',
  }),
};

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export interface Received {
  readonly key: string;
  readonly eventId: string;
  readonly event: { type: string; id: string; caseId: string; data: Record<string, unknown> };
}

/** Reads a topic from the beginning into memory, in partition order. */
export async function readTopic(
  env: TestEnvironment,
  topic: string,
): Promise<{ messages: Received[]; stop: () => Promise<void> }> {
  const messages: Received[] = [];
  const consumer: Consumer = env
    .kafka()
    .consumer({ groupId: `reader-${randomUUID()}`, sessionTimeout: 10_000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [env.topic(topic)], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value!.toString());
      messages.push({
        key: message.key!.toString(),
        eventId: message.headers!['event-id']!.toString(),
        event,
      });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

export function complaint(overrides: Record<string, unknown> = {}) {
  return {
    caller: { name: '张三', phone: '13812345678' },
    address: { text: '龙桥街道建设路幸福小区3号楼', township: 'longqiao' },
    description: '楼顶漏水三天了，物业不管 😡',
    urgency: 'urgent',
    ...overrides,
  };
}
