import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@lianzhi/platform';
import { CaseAccess } from './access/case-access';
import { DashboardController } from './dashboard/dashboard.controller';
import {
  EscalationScheduler,
  LADDER_DELAYS,
  LADDER_INTERVAL_MS,
} from './escalation/escalation.scheduler';
import { parseLadderHours } from './escalation/ladder';
import { ReportingTables1733500000000 } from './migrations/1733500000000-reporting-tables';
import { ProjectEventsConsumer } from './projections/project-events.consumer';
import { ProjectionStore } from './projections/projection-store';
import { TimelineController } from './timeline/timeline.controller';

/**
 * Projections of every event: case timelines, dashboards, the escalation
 * ladder, joint meetings, the monthly report and exports.
 */
@Module({})
export class AppModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(
          {
            serviceName: 'reporting',
            schema: 'reporting',
            defaultPort: 3104,
            entities: [],
            migrations: [ReportingTables1733500000000],
          },
          env,
        ),
      ],
      controllers: [TimelineController, DashboardController],
      providers: [
        ProjectionStore,
        ProjectEventsConsumer,
        CaseAccess,
        EscalationScheduler,
        {
          provide: LADDER_DELAYS,
          useValue: parseLadderHours(env.REPORTING_LADDER_HOURS),
        },
        {
          provide: LADDER_INTERVAL_MS,
          useValue: Number(env.REPORTING_LADDER_INTERVAL_MS ?? 60_000),
        },
      ],
    };
  }
}
