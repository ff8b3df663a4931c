import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AssignmentIssued,
  CaseSentToArbitration,
  DomainError,
  isUnitCode,
  JointEnforcementOpened,
  TOPICS,
} from '@lianzhi/domain';
import { ConsumedEvent, EventConsumers } from '@lianzhi/platform';
import { AssignmentStore } from '../assignments/assignment.store';
import { UnitFeed, unitNamedBy } from '../unit-delivery/unit-feed';

/**
 * Takes routing's decisions into the units' inboxes: a new assignment, a
 * joint enforcement the township coordinates, a case sent to arbitration.
 */
@Injectable()
export class RoutingEventsConsumer
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RoutingEventsConsumer.name);

  constructor(
    private readonly consumers: EventConsumers,
    private readonly store: AssignmentStore,
    private readonly feed: UnitFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start({
      groupId: 'gateway',
      topics: [TOPICS.routing],
      handle: (consumed, manager) => this.handle(consumed, manager),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
  }

  async handle({ event }: ConsumedEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case 'AssignmentIssued':
        return this.assignmentIssued(event, manager);
      case 'JointEnforcementOpened':
        return this.jointEnforcementOpened(event, manager);
      case 'CaseSentToArbitration':
        return this.sentToArbitration(event, manager);
      default:
        return;
    }
  }

  private async assignmentIssued(
    event: AssignmentIssued,
    manager: EntityManager,
  ): Promise<void> {
    if (!isUnitCode(event.data.unit)) {
      throw new DomainError(
        'UNIT.UNKNOWN',
        `${event.data.unit} is not a member unit`,
        'data.unit',
      );
    }

    await this.store.ensureCase(
      manager,
      event.caseId,
      event.data.caseNumber,
      event.data.township,
    );
    await this.store.lockCase(manager, event.caseId);
    const inserted = await this.store.insertIssued(manager, event);
    if (!inserted) return;

    await manager.query(
      `update gateway.cases set status = 'open', updated_at = now()
        where case_id = $1`,
      [event.caseId],
    );
    await this.feed.copy(manager, [event], unitNamedBy);
    this.logger.log({
      msg: 'assignment received',
      caseId: event.caseId,
      eventId: event.id,
      assignmentId: event.data.assignmentId,
      unit: event.data.unit,
    });
  }

  private async jointEnforcementOpened(
    event: JointEnforcementOpened,
    manager: EntityManager,
  ): Promise<void> {
    const { coordinator, units } = event.data;
    const unknown = [coordinator, ...units].find((u) => !isUnitCode(u));
    if (unknown !== undefined) {
      throw new DomainError(
        'UNIT.UNKNOWN',
        `${unknown} is not a member unit`,
        'data.units',
      );
    }

    await this.store.ensureCase(manager, event.caseId, null, coordinator);
    await this.store.lockCase(manager, event.caseId);
    await manager.query(
      `insert into gateway.joint_cases (case_id, coordinator, units, opened_at)
       values ($1, $2, $3, $4)
       on conflict (case_id) do update
         set units = (select array_agg(distinct u) from unnest(
               gateway.joint_cases.units || excluded.units) as u),
             status = 'open'`,
      [event.caseId, coordinator, units, event.occurredAt],
    );
    await this.feed.copy(manager, [event], () => [coordinator, ...units]);
    this.logger.log({
      msg: 'joint enforcement opened',
      caseId: event.caseId,
      eventId: event.id,
      coordinator,
    });
  }

  private async sentToArbitration(
    event: CaseSentToArbitration,
    manager: EntityManager,
  ): Promise<void> {
    await this.store.ensureCase(manager, event.caseId, null, event.data.township);
    await this.store.lockCase(manager, event.caseId);
    await manager.query(
      `update gateway.cases
          set status = 'arbitration', arbitration_reason = $2, updated_at = now()
        where case_id = $1`,
      [event.caseId, event.data.reason],
    );
    this.logger.log({
      msg: 'case sent to arbitration',
      caseId: event.caseId,
      eventId: event.id,
    });
  }
}
