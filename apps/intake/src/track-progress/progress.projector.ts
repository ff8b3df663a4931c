import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TOPICS } from '@lianzhi/domain';
import { ConsumedEvent, EventConsumers } from '@lianzhi/platform';
import { addStep, ProgressStep, stepOf, statusOf } from './progress';

export const PROGRESS_GROUP = 'intake-progress';

/**
 * Keeps `case_progress` up to date from routing's and the gateway's facts, so
 * that a resident can look up progress without intake asking anyone.
 */
@Injectable()
export class ProgressProjector implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProgressProjector.name);

  constructor(private readonly consumers: EventConsumers) {}

  onApplicationBootstrap(): void {
    if (process.env.INTAKE_CONSUMERS === 'off') return;
    // Not awaited: intake must accept complaints while the broker is away.
    this.consumers
      .start({
        groupId: PROGRESS_GROUP,
        topics: [TOPICS.routing, TOPICS.gateway],
        handle: (consumed, manager) => this.apply(consumed, manager),
      })
      .catch((error: Error) =>
        this.logger.warn({ msg: 'progress consumer did not start', error: error.message }),
      );
  }

  async apply({ event }: ConsumedEvent, manager: EntityManager): Promise<void> {
    const step = stepOf(event);
    const caseNumber =
      event.type === 'AssignmentIssued' ? event.data.caseNumber : null;
    const township = event.type === 'CaseRouted' ? event.data.township : null;
    const units = unitsNamed(event, step);
    if (!step && units.length === 0) return;

    await manager.query(
      `insert into intake.case_progress (case_id, case_number, status)
       values ($1, $2, 'received') on conflict (case_id) do nothing`,
      [event.caseId, caseNumber],
    );
    const [row] = await manager.query(
      `select steps from intake.case_progress where case_id = $1 for update`,
      [event.caseId],
    );
    const steps: ProgressStep[] = step ? addStep(row.steps, step) : row.steps;

    await manager.query(
      `update intake.case_progress
          set steps = $2,
              status = $3,
              case_number = coalesce(case_number, $4),
              township = coalesce($5, township),
              units = array(select distinct unnest(units || $6::text[])),
              updated_at = now()
        where case_id = $1`,
      [event.caseId, JSON.stringify(steps), statusOf(steps), caseNumber, township, units],
    );
  }
}

/** Every unit that has been given the case: a liaison's scope. */
function unitsNamed(
  event: Parameters<typeof stepOf>[0],
  step: ProgressStep | null,
): string[] {
  if (event.type === 'AssignmentIssued') return [event.data.unit];
  if (step?.step === 'routed' || step?.step === 'transferred') return step.units ?? [];
  return [];
}
