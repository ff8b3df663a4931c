import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth';
import { EventConsumers } from '../messaging/event-consumer';
import { KafkaClients } from '../messaging/kafka-clients';
import { OutboxRelay } from '../outbox/outbox-relay';
import { Metrics } from './metrics';

/** Liveness, readiness (database, broker, consumers) and Prometheus metrics. */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kafka: KafkaClients,
    private readonly consumers: EventConsumers,
    private readonly relay: OutboxRelay,
    private readonly metrics: Metrics,
  ) {}

  @Public()
  @Get('health/live')
  live() {
    return { status: 'up' };
  }

  @Public()
  @Get('health/ready')
  async ready(@Res() res: Response) {
    const checks = {
      database: await this.check(() => this.dataSource.query('select 1')),
      broker: await this.check(async () => {
        const admin = this.kafka.kafka.admin();
        await admin.connect();
        try {
          await admin.describeCluster();
        } finally {
          await admin.disconnect();
        }
      }),
      consumers: this.consumers.healthy ? 'up' : 'down',
    };
    const up = Object.values(checks).every((v) => v === 'up');
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: up ? 'up' : 'down',
      checks,
    });
  }

  @Public()
  @Get('metrics')
  async prometheus(@Res() res: Response) {
    this.metrics.outboxBacklog.set(await this.relay.backlog().catch(() => -1));
    this.metrics.eventsApplied.set(this.consumers.stats.applied);
    this.metrics.deadLettered.set(this.consumers.stats.deadLettered);
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }

  private async check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
    try {
      await probe();
      return 'up';
    } catch {
      return 'down';
    }
  }
}
