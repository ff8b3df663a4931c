import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one service. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly outboxBacklog = new Gauge({
    name: 'outbox_backlog',
    help: 'Events stored but not yet published to Kafka',
    registers: [this.registry],
  });
  readonly eventsApplied = new Gauge({
    name: 'consumer_events_applied_total',
    help: 'Events applied by this service',
    registers: [this.registry],
  });
  readonly deadLettered = new Gauge({
    name: 'consumer_dead_lettered_total',
    help: 'Events sent to the dead-letter topic',
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'consumer_lag',
    help: 'Messages behind the end of each subscribed topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });
  readonly slaBreaches = new Counter({
    name: 'sla_breaches_total',
    help: 'Deadlines passed without the action due',
    labelNames: ['clock'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
