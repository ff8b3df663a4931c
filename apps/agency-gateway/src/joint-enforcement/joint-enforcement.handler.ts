import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  DomainEvent,
  EVENT_VERSIONS,
  EventOf,
  isUnitCode,
  Principal,
} from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { actorOf } from '../assignments/assignment-scope';
import { AssignmentStore } from '../assignments/assignment.store';
import { UnitFeed } from '../unit-delivery/unit-feed';

interface JointCaseRow {
  case_id: string;
  coordinator: string;
  units: string[];
  status: 'open' | 'closed';
}

interface JointTaskRow {
  task_id: string;
  case_id: string;
  unit: string;
  task: string;
  result: string | null;
  assigned_at: Date;
  reported_at: Date | null;
}

/**
 * 联合执法: the township that coordinates hands each unit its task, each
 * unit reports back, and the township closes the joint action.
 */
@Injectable()
export class JointEnforcement {
  private readonly logger = new Logger(JointEnforcement.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AssignmentStore,
    private readonly feed: UnitFeed,
    private readonly clock: Clock,
  ) {}

  async assignTask(
    caseId: string,
    principal: Principal,
    input: { unit: string; task: string },
  ) {
    if (!isUnitCode(input.unit)) {
      throw new DomainError(
        'UNIT.UNKNOWN',
        `${input.unit} is not a member unit`,
        'unit',
      );
    }

    return this.dataSource.transaction(async (manager) => {
      const joint = await this.lockOpen(manager, caseId);
      assertCoordinator(principal, joint);

      // A task goes to a unit working the case; one that returned or
      // transferred its assignment is no longer on it.
      const [onCase] = await manager.query(
        `select 1 from gateway.assignments
          where case_id = $1 and unit = $2
            and status not in ('returned', 'transferred')
          limit 1`,
        [caseId, input.unit],
      );
      if (!onCase) {
        throw new DomainError(
          'JOINT.UNIT_NOT_ON_CASE',
          `${input.unit} has no assignment in this case`,
          'unit',
        );
      }

      const taskId = randomUUID();
      const event = this.event(caseId, principal, 'JointTaskAssigned', {
        taskId,
        coordinator: joint.coordinator,
        unit: input.unit,
        task: input.task,
      });
      await manager.query(
        `insert into gateway.joint_tasks
           (task_id, case_id, unit, task, assigned_by, assigned_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [taskId, caseId, input.unit, input.task, principal.sub, event.occurredAt],
      );
      // A unit the township brings in joins the joint action.
      await manager.query(
        `update gateway.joint_cases
            set units = array_append(units, $2)
          where case_id = $1 and not ($2 = any(units))`,
        [caseId, input.unit],
      );
      await this.record(manager, event, [input.unit]);
      return { taskId, caseId, unit: input.unit, task: input.task };
    });
  }

  async reportTask(
    caseId: string,
    taskId: string,
    principal: Principal,
    input: { result: string },
  ) {
    return this.dataSource.transaction(async (manager) => {
      const joint = await this.lockOpen(manager, caseId);
      const [task]: JointTaskRow[] = await manager.query(
        `select * from gateway.joint_tasks where task_id::text = $1 and case_id = $2`,
        [taskId, caseId],
      );
      if (!task || task.unit !== principal.unit) {
        throw new DomainError(
          'JOINT.WRONG_UNIT',
          'this task is not one of your unit’s',
          'taskId',
        );
      }
      if (task.reported_at !== null) {
        throw new DomainError(
          'JOINT.TASK_ALREADY_REPORTED',
          'the unit has already reported on this task',
        );
      }

      const event = this.event(caseId, principal, 'JointTaskReported', {
        taskId,
        unit: task.unit,
        result: input.result,
      });
      await manager.query(
        `update gateway.joint_tasks
            set result = $2, reported_by = $3, reported_at = $4
          where task_id = $1`,
        [taskId, input.result, principal.sub, event.occurredAt],
      );
      await this.record(manager, event, [task.unit, joint.coordinator]);
      return { taskId, caseId, unit: task.unit, result: input.result };
    });
  }

  async close(caseId: string, principal: Principal, input: { summary: string }) {
    return this.dataSource.transaction(async (manager) => {
      const joint = await this.lockOpen(manager, caseId);
      assertCoordinator(principal, joint);

      const [{ assigned, open }] = await manager.query(
        `select count(*)::int as assigned,
                count(*) filter (where reported_at is null)::int as open
           from gateway.joint_tasks where case_id = $1`,
        [caseId],
      );
      // Closing says the joint action was carried out: something must have
      // been handed out and reported on.
      if (assigned === 0) {
        throw new DomainError(
          'JOINT.NO_TASKS',
          'no task has been assigned yet; assign and have it reported before closing',
        );
      }
      if (open > 0) {
        throw new DomainError(
          'JOINT.TASKS_OPEN',
          `${open} task(s) have not been reported yet`,
        );
      }

      const event = this.event(caseId, principal, 'JointEnforcementClosed', {
        coordinator: joint.coordinator,
        summary: input.summary,
      });
      await manager.query(
        `update gateway.joint_cases
            set status = 'closed', summary = $2, closed_at = $3
          where case_id = $1`,
        [caseId, input.summary, event.occurredAt],
      );
      await this.record(manager, event, [joint.coordinator, ...joint.units]);
      return { caseId, status: 'closed', summary: input.summary };
    });
  }

  /** The joint actions a user may see, each with its tasks. */
  async list(principal: Principal) {
    const params: unknown[] = [];
    let where = '';
    if (principal.role === 'township') {
      params.push(principal.township ?? '');
      where = 'where j.coordinator = $1';
    } else if (principal.role === 'liaison') {
      params.push(principal.unit ?? '');
      where = 'where $1 = any(j.units)';
    }

    const cases: (JointCaseRow & {
      summary: string | null;
      opened_at: Date;
      closed_at: Date | null;
      case_number: string | null;
    })[] = await this.dataSource.query(
      `select j.*, c.case_number from gateway.joint_cases j
         join gateway.cases c using (case_id)
        ${where}
        order by j.opened_at desc
        limit 500`,
      params,
    );
    const tasks: JointTaskRow[] = await this.dataSource.query(
      `select * from gateway.joint_tasks where case_id = any($1::text[])
        order by assigned_at, task_id`,
      [cases.map((c) => c.case_id)],
    );

    return {
      items: cases.map((c) => ({
        caseId: c.case_id,
        caseNumber: c.case_number,
        coordinator: c.coordinator,
        units: c.units,
        status: c.status,
        summary: c.summary,
        openedAt: c.opened_at.toISOString(),
        closedAt: c.closed_at?.toISOString() ?? null,
        tasks: tasks
          .filter((t) => t.case_id === c.case_id)
          .map((t) => ({
            taskId: t.task_id,
            unit: t.unit,
            task: t.task,
            result: t.result,
            assignedAt: t.assigned_at.toISOString(),
            reportedAt: t.reported_at?.toISOString() ?? null,
          })),
      })),
    };
  }

  private async lockOpen(
    manager: EntityManager,
    caseId: string,
  ): Promise<JointCaseRow> {
    await this.store.lockCase(manager, caseId);
    const [joint]: JointCaseRow[] = await manager.query(
      `select * from gateway.joint_cases where case_id = $1 for update`,
      [caseId],
    );
    if (!joint) {
      throw new DomainError(
        'JOINT.NOT_FOUND',
        'no joint enforcement on this case',
        'caseId',
      );
    }
    if (joint.status === 'closed') {
      throw new DomainError('JOINT.CLOSED', 'the joint enforcement is closed');
    }
    return joint;
  }

  private event<T extends 'JointTaskAssigned' | 'JointTaskReported' | 'JointEnforcementClosed'>(
    caseId: string,
    principal: Principal,
    type: T,
    data: EventOf<T>['data'],
  ): EventOf<T> {
    return {
      type,
      version: EVENT_VERSIONS[type],
      id: randomUUID(),
      caseId,
      occurredAt: this.clock.now().toISOString(),
      actor: actorOf(principal),
      data,
    } as unknown as EventOf<T>;
  }

  private async record(
    manager: EntityManager,
    event: DomainEvent,
    units: string[],
  ): Promise<void> {
    await this.feed.publish(manager, [event], () => units);
    this.logger.log({
      msg: 'joint enforcement event recorded',
      type: event.type,
      caseId: event.caseId,
      eventId: event.id,
    });
  }
}

function assertCoordinator(principal: Principal, joint: JointCaseRow): void {
  if (!principal.township || principal.township !== joint.coordinator) {
    throw new DomainError(
      'JOINT.FORBIDDEN',
      'only the coordinating township may do this',
    );
  }
}
