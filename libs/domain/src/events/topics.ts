/**
 * Kafka topics. Each service publishes its own facts to its own topic, keyed
 * by case id, so that one case's events stay in order within a topic.
 * A prefix (KAFKA_TOPIC_PREFIX) lets test runs and tenants share a broker.
 */
export const TOPICS = {
  intake: 'lianzhi.intake.events',
  routing: 'lianzhi.routing.events',
  gateway: 'lianzhi.gateway.events',
  reporting: 'lianzhi.reporting.events',
  deadLetter: 'lianzhi.dead-letter',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_PARTITIONS = 6;

/** Each unit's own topic, for unit systems that consume directly. */
export function unitTopic(unitCode: string): string {
  return `lianzhi.unit.${unitCode}`;
}

export function withPrefix(prefix: string, topic: string): string {
  return prefix ? `${prefix}.${topic}` : topic;
}
