import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@lianzhi/platform';
import { CaseAccess } from './access/case-access';
import { DashboardFigures } from './dashboard/dashboard-figures';
import { DashboardController } from './dashboard/dashboard.controller';
import { EscalationScheduler } from './escalation/escalation.scheduler';
import { DailyFigures1733500000001 } from './migrations/1733500000001-daily-figures';
import { ReportingTables1733500000000 } from './migrations/1733500000000-reporting-tables';
import { ProjectEventsConsumer } from './projections/project-events.consumer';
import { ProjectionStore } from './projections/projection-store';
import { JointMeetingsController } from './joint-meetings/joint-meetings.controller';
import { HouseholdsController } from './monthly-report/households.controller';
import { MonthlyReportController } from './monthly-report/monthly-report.controller';
import { ProjectionRebuild } from './rebuild/projection-rebuild';
import { RebuildController } from './rebuild/rebuild.controller';
import {
  readReportingSettings,
  REPORTING_SETTINGS,
} from './reporting.settings';
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
            migrations: [
              ReportingTables1733500000000,
              DailyFigures1733500000001,
            ],
          },
          env,
        ),
      ],
      controllers: [
        TimelineController,
        DashboardController,
        JointMeetingsController,
        MonthlyReportController,
        HouseholdsController,
        RebuildController,
      ],
      providers: [
        ProjectionStore,
        ProjectEventsConsumer,
        CaseAccess,
        EscalationScheduler,
        ProjectionRebuild,
        DashboardFigures,
        {
          provide: REPORTING_SETTINGS,
          useValue: readReportingSettings(env),
        },
      ],
    };
  }
}
