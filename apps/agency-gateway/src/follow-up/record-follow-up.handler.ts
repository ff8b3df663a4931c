import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CaseClosed,
  CaseReopened,
  DomainError,
  EVENT_VERSIONS,
  evolveAssignment,
  FollowUpRecorded,
  Principal,
} from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { actorOf } from '../assignments/assignment-scope';
import { AssignmentStore } from '../assignments/assignment.store';
import { UnitFeed } from '../unit-delivery/unit-feed';
import { isSatisfied, readyForFollowUp, stillHeld } from './follow-up.rules';

/**
 * 回访: a satisfied resident closes the case (结案); an unsatisfied one sends
 * it back to every unit that resolved it (重办), each on a fresh resolve clock.
 */
@Injectable()
export class RecordFollowUp {
  private readonly logger = new Logger(RecordFollowUp.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AssignmentStore,
    private readonly feed: UnitFeed,
    private readonly clock: Clock,
  ) {}

  async execute(
    caseId: string,
    principal: Principal,
    input: { satisfaction: 1 | 2 | 3 | 4 | 5; note: string },
  ) {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.store.lockCase(manager, caseId);
      if (!found) {
        throw new DomainError('CASE.NOT_FOUND', 'no such case', 'caseId');
      }
      if (found.status === 'closed') {
        throw new DomainError('CASE.CLOSED', 'the case is already closed');
      }

      const assignments = await this.store.ofCase(manager, caseId, true);
      if (!readyForFollowUp(assignments.map((a) => a.status))) {
        throw new DomainError(
          'CASE.NOT_RESOLVED',
          'every unit on the case must report its result before 回访',
        );
      }

      const held = assignments.filter((a) => stillHeld(a.status));
      const units = [...new Set(held.map((a) => a.unit))];
      const now = this.clock.now().toISOString();
      const actor = actorOf(principal);
      const satisfied = isSatisfied(input.satisfaction);
      const envelope = { version: 1, caseId, occurredAt: now, actor };

      const followUp: FollowUpRecorded = {
        ...envelope,
        type: 'FollowUpRecorded',
        version: EVENT_VERSIONS.FollowUpRecorded,
        id: randomUUID(),
        data: { satisfaction: input.satisfaction, satisfied, note: input.note },
      };
      const outcome: CaseClosed | CaseReopened = satisfied
        ? {
            ...envelope,
            type: 'CaseClosed',
            version: EVENT_VERSIONS.CaseClosed,
            id: randomUUID(),
            causationId: followUp.id,
            data: { reason: '回访满意' },
          }
        : {
            ...envelope,
            type: 'CaseReopened',
            version: EVENT_VERSIONS.CaseReopened,
            id: randomUUID(),
            causationId: followUp.id,
            data: {
              reason: input.note.trim() || '回访不满意',
              reopenCount: found.reopen_count + 1,
              units,
            },
          };

      for (const record of held) {
        const state = [followUp, outcome].reduce(evolveAssignment, record.state);
        await this.store.save(manager, record, state);
      }
      await manager.query(
        `insert into gateway.follow_ups
           (follow_up_id, case_id, satisfaction, satisfied, note,
            recorded_by, recorded_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [followUp.id, caseId, input.satisfaction, satisfied, input.note, actor.id, now],
      );
      await manager.query(
        `update gateway.cases
            set status = $2,
                reopen_count = reopen_count + $3,
                closed_at = $4,
                updated_at = now()
          where case_id = $1`,
        [
          caseId,
          satisfied ? 'closed' : 'reopened',
          satisfied ? 0 : 1,
          satisfied ? now : null,
        ],
      );
      await this.feed.publish(manager, [followUp, outcome], () => units);

      this.logger.log({
        msg: satisfied ? 'case closed after 回访' : 'case reopened after 回访',
        caseId,
        eventId: followUp.id,
      });
      return {
        caseId,
        satisfied,
        status: satisfied ? 'closed' : 'reopened',
        events: [followUp, outcome].map((e) => ({ id: e.id, type: e.type })),
      };
    });
  }
}
