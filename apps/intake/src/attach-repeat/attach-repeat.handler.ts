import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  DomainError,
  EVENT_VERSIONS,
  RepeatComplaintAttached,
  TOPICS,
} from '@lianzhi/domain';
import { Clock, Outbox } from '@lianzhi/platform';
import { AttachRepeatDto, RepeatAttachedDto } from './attach-repeat.dto';

/**
 * Attaches a repeat call to its case and counts it. The case row is locked
 * so that repeat counts and event order agree when calls arrive together.
 */
@Injectable()
export class AttachRepeatHandler {
  private readonly logger = new Logger(AttachRepeatHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(
    caseId: string,
    input: AttachRepeatDto,
    actor: Actor,
  ): Promise<RepeatAttachedDto> {
    const caller = input.caller;
    if (caller?.anonymous && (caller.name || caller.phone)) {
      throw new DomainError(
        'VALIDATION.ANONYMOUS_WITH_IDENTITY',
        'an anonymous caller gives no name or phone',
        'caller.anonymous',
      );
    }

    return this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query(
        `select c.case_number, c.repeat_count, p.status
           from intake.cases c
           join intake.case_progress p on p.case_id = c.id
          where c.id = $1
          for update of c`,
        [caseId],
      );
      if (!found) {
        throw new DomainError('CASE.NOT_FOUND', `no case ${caseId}`, 'caseId');
      }
      if (found.status === 'closed') {
        throw new DomainError(
          'CASE.CLOSED',
          'the case is closed: open a new complaint instead',
          'caseId',
        );
      }

      const receivedAt = this.clock.now();
      const callerRef =
        caller && !caller.anonymous && (caller.name || caller.phone)
          ? randomUUID()
          : null;
      if (callerRef) {
        await manager.query(
          `insert into intake.callers (id, case_id, name, phone, confidential)
           values ($1, $2, $3, $4, $5)`,
          [
            callerRef,
            caseId,
            caller?.name ?? null,
            caller?.phone ?? null,
            caller?.confidential ?? false,
          ],
        );
      }

      const channel = input.channel ?? 'hotline';
      const repeatCount = found.repeat_count + 1;
      await manager.query(
        `insert into intake.repeat_calls
           (id, case_id, caller_id, channel, description, received_at, received_by)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), caseId, callerRef, channel, input.description, receivedAt, actor.id],
      );
      await manager.query(
        `update intake.cases set repeat_count = $2 where id = $1`,
        [caseId, repeatCount],
      );

      const event: RepeatComplaintAttached = {
        type: 'RepeatComplaintAttached',
        version: EVENT_VERSIONS.RepeatComplaintAttached,
        id: randomUUID(),
        caseId,
        occurredAt: receivedAt.toISOString(),
        actor,
        data: {
          callerRef,
          channel,
          description: input.description,
          receivedAt: receivedAt.toISOString(),
          repeatCount,
        },
      };
      await this.outbox.append(manager, TOPICS.intake, [event]);
      this.logger.log({ msg: 'repeat complaint attached', caseId, eventId: event.id });

      return {
        caseId,
        caseNumber: found.case_number,
        repeatCount,
        receivedAt: receivedAt.toISOString(),
      };
    });
  }
}
