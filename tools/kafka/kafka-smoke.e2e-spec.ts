import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/** kafkajs against the project's own broker: the features the services rely on. */
describe('the Kafka broker started by the launcher', () => {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const kafka = new Kafka({ clientId: 'smoke', brokers, logLevel: logLevel.NOTHING });
  const topic = `smoke.${randomBytes(4).toString('hex')}`;
  const groupId = `smoke-group-${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates and describes a topic with several partitions', async () => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    });

    // Metadata can lag the creation by a moment on a busy broker.
    let metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => null);
    for (let i = 0; !metadata && i < 50; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => null);
    }
    if (!metadata) throw new Error('the topic never appeared in the metadata');
    expect(metadata.topics[0].partitions).toHaveLength(3);
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toHaveLength(1);
  });

  it('produces idempotently and keeps one key on one partition in order', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const results = await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 10 }, (_, i) => ({ key: 'case-1', value: String(i) })),
    });
    await producer.disconnect();

    expect(new Set(results.map((r) => r.partition)).size).toBe(1);
    expect(results[0].errorCode).toBe(0);
  });

  it('joins a consumer group, commits, and resumes from the committed offset after a restart', async () => {
    const first = await consumeUntil(5);
    expect(first).toEqual(['0', '1', '2', '3', '4']);

    const second = await consumeUntil(5);
    expect(second).toEqual(['5', '6', '7', '8', '9']);

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0].partitions
      .map((p) => Number(p.offset))
      .filter((o) => o >= 0)
      .reduce((a, b) => a + b, 0);
    expect(committed).toBe(10);
  });

  /** One consumer run that stops after `count` messages, committing each. */
  async function consumeUntil(count: number): Promise<string[]> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });

    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ message, partition }) => {
            if (seen.length >= count) return;
            seen.push(message.value!.toString());
            await consumer.commitOffsets([
              { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
            ]);
            if (seen.length === count) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return seen;
  }
});
