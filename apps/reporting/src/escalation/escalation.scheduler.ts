import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CaseEscalated,
  EscalationStep,
  EVENT_VERSIONS,
  findUnit,
  SYSTEM_ACTOR,
  TOPICS,
} from '@lianzhi/domain';
import { Clock, Outbox } from '@lianzhi/platform';
import { tableName } from '../projections/projection-tables';
import { ProjectionStore } from '../projections/projection-store';
import { REPORTING_SETTINGS, ReportingSettings } from '../reporting.settings';
import { dueSteps, escalationReason } from './ladder';

interface OpenRow {
  assignment_id: string;
  case_id: string;
  unit: string;
  township: string | null;
  acknowledge_due_at: Date;
  resolve_due_at: Date;
  acknowledged_at: Date | null;
  taken: EscalationStep[] | null;
}

/**
 * 催办 → 交办单 → 督办单 → 联席会议 → 领导小组办公室 for every assignment
 * past a deadline. Each step is recorded once (primary key on assignment and
 * step) together with its CaseEscalated event in the outbox; an assignment
 * resolved, returned, transferred or closed leaves the open set and its
 * ladder stops.
 */
@Injectable()
export class EscalationScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(EscalationScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly store: ProjectionStore,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  onApplicationBootstrap(): void {
    // A driven clock is stepped by hand; so is its ladder.
    if (!this.settings.live || this.clock.manual) return;
    if (this.settings.ladderIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      void this.runOnce().catch((error: Error) =>
        this.logger.warn({
          msg: 'escalation run failed; next run retries',
          error: error.message,
        }),
      );
    }, this.settings.ladderIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Takes every step now due; returns how many were taken. */
  async runOnce(): Promise<number> {
    if (!this.running) {
      this.running = this.escalate().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async escalate(): Promise<number> {
    const now = this.clock.now();
    const schema = this.store.schema;
    const open: OpenRow[] = await this.dataSource.query(
      `select a.assignment_id, a.case_id, a.unit, a.township,
              a.acknowledge_due_at, a.resolve_due_at, a.acknowledged_at,
              (select array_agg(s.step) from "${schema}".escalation_steps s
                where s.assignment_id = a.assignment_id) as taken
         from ${tableName(schema, 'assignments')} a
        where a.resolved_at is null and not a.returned
          and not a.transferred and not a.closed
          and ((a.acknowledged_at is null and a.acknowledge_due_at < $1)
               or a.resolve_due_at < $1)
        order by a.acknowledge_due_at, a.assignment_id`,
      [now],
    );

    let taken = 0;
    for (const row of open) {
      const steps = dueSteps(
        {
          assignmentId: row.assignment_id,
          acknowledgeDueAt: row.acknowledge_due_at,
          resolveDueAt: row.resolve_due_at,
          acknowledgedAt: row.acknowledged_at,
        },
        new Set(row.taken ?? []),
        this.settings.ladder,
        now,
      );
      for (const step of steps) {
        if (await this.take(row, step, now)) taken += 1;
      }
    }
    return taken;
  }

  private async take(
    row: OpenRow,
    due: ReturnType<typeof dueSteps>[number],
    now: Date,
  ): Promise<boolean> {
    const schema = this.store.schema;
    return this.dataSource.transaction(async (manager) => {
      const event: CaseEscalated = {
        type: 'CaseEscalated',
        version: EVENT_VERSIONS.CaseEscalated,
        id: randomUUID(),
        caseId: row.case_id,
        occurredAt: now.toISOString(),
        actor: SYSTEM_ACTOR,
        data: {
          assignmentId: row.assignment_id,
          unit: row.unit,
          step: due.step,
          reason: escalationReason(
            due,
            findUnit(row.unit)?.name ?? row.unit,
            now,
          ),
          pointsDeducted: due.pointsDeducted,
          township: row.township,
        },
      };

      const inserted = await manager.query(
        `insert into "${schema}".escalation_steps
           (assignment_id, step, case_id, unit, township, event_id, breach,
            due_at, taken_at, points_deducted)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (assignment_id, step) do nothing
         returning event_id`,
        [
          row.assignment_id,
          due.step,
          row.case_id,
          row.unit,
          row.township,
          event.id,
          due.breach,
          due.dueAt,
          now,
          due.pointsDeducted,
        ],
      );
      if (inserted.length === 0) return false;

      await this.outbox.append(manager, TOPICS.reporting, [event]);
      this.logger.log({
        msg: 'case escalated',
        caseId: row.case_id,
        eventId: event.id,
        step: due.step,
        unit: row.unit,
      });
      return true;
    });
  }
}
