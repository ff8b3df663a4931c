import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AssignmentCommand,
  AssignmentEvent,
  AssignmentPolicy,
  decideAssignment,
  evolveAssignment,
  Principal,
} from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { UnitFeed, unitNamedBy } from '../unit-delivery/unit-feed';
import { mayRead, notVisible } from './assignment-scope';
import { AssignmentRecord, toDetail } from './assignment.record';
import { AssignmentStore } from './assignment.store';

export const ASSIGNMENT_POLICY = Symbol('ASSIGNMENT_POLICY');

/** Side effects a use case adds to the same transaction. */
export type AfterDecision = (
  manager: EntityManager,
  record: AssignmentRecord,
  events: readonly AssignmentEvent[],
) => Promise<void>;

/**
 * Runs one command against one assignment: lock, decide with the pure
 * decider, record the state and the events in one transaction. Two actions
 * on one assignment serialise on its row, so only one of them can win.
 */
@Injectable()
export class AssignmentCommands {
  private readonly logger = new Logger(AssignmentCommands.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AssignmentStore,
    private readonly feed: UnitFeed,
    private readonly clock: Clock,
    @Inject(ASSIGNMENT_POLICY) private readonly policy: AssignmentPolicy,
  ) {}

  async execute(
    assignmentId: string,
    principal: Principal,
    command: AssignmentCommand,
    after?: AfterDecision,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const record = await this.store.lock(manager, assignmentId);
      if (!record || !mayRead(principal, record)) {
        throw notVisible(principal);
      }

      const events = decideAssignment(command, record.state, {
        now: () => this.clock.now(),
        newId: randomUUID,
        policy: this.policy,
      });
      const state = events.reduce(evolveAssignment, record.state);
      const saved = await this.store.save(manager, record, state);
      await this.feed.publish(manager, events, unitNamedBy);
      await after?.(manager, saved, events);

      for (const event of events) {
        this.logger.log({
          msg: 'assignment event recorded',
          type: event.type,
          caseId: event.caseId,
          eventId: event.id,
          assignmentId,
        });
      }

      return {
        assignment: toDetail(saved, this.clock.now()),
        events: events.map((e) => ({ id: e.id, type: e.type })),
      };
    });
  }
}
