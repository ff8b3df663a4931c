import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TOPICS } from '@lianzhi/domain';
import { EventConsumers } from '@lianzhi/platform';
import { REPORTING_SETTINGS, ReportingSettings } from '../reporting.settings';
import { ProjectionStore } from './projection-store';

export const REPORTING_GROUP = 'reporting';

/** Every topic's events, into the projections, exactly once. */
export const PROJECTED_TOPICS = [
  TOPICS.intake,
  TOPICS.routing,
  TOPICS.gateway,
  TOPICS.reporting,
] as const;

@Injectable()
export class ProjectEventsConsumer
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  constructor(
    private readonly consumers: EventConsumers,
    private readonly store: ProjectionStore,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.live) return;
    await this.consumers.start({
      groupId: REPORTING_GROUP,
      topics: PROJECTED_TOPICS,
      handle: async ({ event, topic }, manager) => {
        await this.store.apply(manager, event, topic);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
  }
}
