import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@lianzhi/platform';
import { AssignmentActionsController } from './assignment-actions/assignment-actions.controller';
import {
  ASSIGNMENT_POLICY,
  AssignmentCommands,
} from './assignments/assignment-commands';
import { AssignmentStore } from './assignments/assignment.store';
import { ExtensionRequests } from './extensions/extension-requests';
import { ExtensionsController } from './extensions/extensions.controller';
import { FollowUpController } from './follow-up/follow-up.controller';
import { RecordFollowUp } from './follow-up/record-follow-up.handler';
import { GATEWAY_SETTINGS, readGatewaySettings } from './gateway.settings';
import { InboxController } from './inbox/inbox.controller';
import { JointEnforcementController } from './joint-enforcement/joint-enforcement.controller';
import { JointEnforcement } from './joint-enforcement/joint-enforcement.handler';
import { GatewayTables1733400000000 } from './migrations/1733400000000-gateway-tables';
import { ReminderScheduler } from './reminders/reminder.scheduler';
import { RoutingEventsConsumer } from './routing-intake/routing-events.consumer';
import { UnitFeed } from './unit-delivery/unit-feed';
import { UnitTopicRelay } from './unit-delivery/unit-topic-relay';
import { WebhookDispatcher } from './unit-delivery/webhook-dispatcher';
import { WebhooksController } from './unit-delivery/webhooks.controller';

/**
 * Each unit's inbox and actions (签收, 退单, 转办, 延期, 处置反馈), joint
 * enforcement, 回访, the clocks' 催办, and delivery to units' own systems.
 */
@Module({})
export class AppModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const returnWindow = env.GATEWAY_RETURN_WINDOW_HOURS;
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(
          {
            serviceName: 'agency-gateway',
            schema: 'gateway',
            defaultPort: 3103,
            entities: [],
            migrations: [GatewayTables1733400000000],
          },
          env,
        ),
      ],
      controllers: [
        InboxController,
        AssignmentActionsController,
        ExtensionsController,
        JointEnforcementController,
        FollowUpController,
        WebhooksController,
      ],
      providers: [
        { provide: GATEWAY_SETTINGS, useValue: readGatewaySettings(env) },
        {
          provide: ASSIGNMENT_POLICY,
          useValue: returnWindow
            ? { returnWindowHours: Number(returnWindow) }
            : {},
        },
        AssignmentStore,
        AssignmentCommands,
        UnitFeed,
        ExtensionRequests,
        RecordFollowUp,
        JointEnforcement,
        ReminderScheduler,
        UnitTopicRelay,
        WebhookDispatcher,
        RoutingEventsConsumer,
      ],
    };
  }
}
