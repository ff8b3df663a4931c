import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  EVENT_VERSIONS,
  OPEN_ASSIGNMENT_STATUSES,
  ReminderIssued,
  SYSTEM_ACTOR,
} from '@lianzhi/domain';
import { Clock, Metrics } from '@lianzhi/platform';
import { AssignmentRecord } from '../assignments/assignment.record';
import { AssignmentStore } from '../assignments/assignment.store';
import { GATEWAY_SETTINGS, GatewaySettings } from '../gateway.settings';
import { UnitFeed, unitNamedBy } from '../unit-delivery/unit-feed';
import { reminderStage, runningClock } from './reminder-due';

/**
 * 催办 raised by the clock: once per assignment, clock, stage and deadline
 * (a unique key), so several instances or a rerun never remind twice. A
 * deadline moved by an extension or a 重办 runs a clock of its own.
 */
@Injectable()
export class ReminderScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(ReminderScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AssignmentStore,
    private readonly feed: UnitFeed,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.reminderIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error: Error) => {
          this.logger.warn({ msg: 'reminder run failed', error: error.message });
          return 0;
        })
        .finally(() => {
          this.running = null;
        });
    }, this.settings.reminderIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Issues the reminders due now; returns how many were issued. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    // LIMITATION: every open assignment is read on each run; a district's
    // open caseload is small, but a much larger one needs the thresholds
    // stored as columns and indexed.
    const open: AssignmentRecord[] = await this.dataSource.query(
      `select * from gateway.assignments where status = any($1::text[])`,
      [OPEN_ASSIGNMENT_STATUSES],
    );

    let issued = 0;
    for (const record of open) {
      const clock = runningClock(fromRecord(record));
      if (!clock) continue;

      const stage = reminderStage(clock, now, this.settings.reminderShare);
      if (!stage) continue;

      if (await this.issue(record.assignment_id, clock.clock, stage, now)) {
        issued += 1;
      }
    }
    return issued;
  }

  private async issue(
    assignmentId: string,
    clockName: 'acknowledge' | 'resolve',
    stage: 'approaching' | 'overdue',
    now: Date,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const record = await this.store.lock(manager, assignmentId);
      const clock = record && runningClock(fromRecord(record));
      // The unit may have acted since the assignment was read.
      if (!record || !clock || clock.clock !== clockName) return false;

      const inserted = await manager.query(
        `insert into gateway.reminders
           (reminder_id, assignment_id, clock, stage, due_at, issued_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (assignment_id, clock, stage, due_at) do nothing
         returning reminder_id`,
        [randomUUID(), assignmentId, clockName, stage, clock.dueAt, now],
      );
      if (inserted.length === 0) return false;

      const event: ReminderIssued = {
        type: 'ReminderIssued',
        version: EVENT_VERSIONS.ReminderIssued,
        id: inserted[0].reminder_id,
        caseId: record.case_id,
        occurredAt: now.toISOString(),
        actor: SYSTEM_ACTOR,
        data: {
          assignmentId,
          unit: record.unit,
          clock: clockName,
          stage,
          dueAt: clock.dueAt.toISOString(),
        },
      };
      await this.feed.publish(manager, [event], unitNamedBy);
      if (stage === 'overdue') this.metrics.slaBreaches.inc({ clock: clockName });
      this.logger.log({
        msg: '催办 issued',
        caseId: record.case_id,
        eventId: event.id,
        assignmentId,
        clock: clockName,
        stage,
      });
      return true;
    });
  }
}

function fromRecord(record: AssignmentRecord) {
  return {
    status: record.status,
    issuedAt: record.issued_at,
    acknowledgeDueAt: record.acknowledge_due_at,
    resolveClockStartedAt: record.resolve_clock_started_at,
    resolveDueAt: record.resolve_due_at,
  };
}
