import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  DomainError,
  EVENT_VERSIONS,
  isUnitCode,
  JointMeetingDecided,
  Principal,
  TOPICS,
  TOWNSHIPS,
} from '@lianzhi/domain';
import { Clock, CurrentUser, Outbox, Roles } from '@lianzhi/platform';
import { monthWindow } from '../dashboard/window';
import { parseFormat, respond } from '../exports/tabular';
import { ProjectionStore } from '../projections/projection-store';
import { tableName } from '../projections/projection-tables';
import { RecordMinutesDto } from './record-minutes.dto';

/** Why a case is on the agenda. */
const REASONS = {
  joint: '联合执法案件',
  arbitration: '退单争议待审定',
  overdue: '超期未办结',
  escalated: '督办升级提交联席会议',
  repeat: '重复投诉（3次及以上）',
} as const;

type AgendaReason = keyof typeof REASONS;

/** 联席会议: the township's monthly meeting, its agenda and its minutes. */
@ApiTags('joint-meetings')
@ApiBearerAuth()
@Controller('joint-meetings')
export class JointMeetingsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectionStore,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Open cases of the township that need the meeting: joint cases, disputed
   * returns, overdue work, cases escalated to the meeting and repeat
   * complaints. A case decided at a meeting of this month is off the agenda.
   */
  @Get(':township/agenda')
  @Roles('township', 'supervisor', 'dispatcher', 'admin')
  async agenda(
    @Param('township') township: string,
    @CurrentUser() principal: Principal,
    @Res({ passthrough: true }) res: Response,
    @Query('month') month: string,
    @Query('format') format?: string,
  ) {
    const chosen = parseFormat(format);
    assertTownship(principal, township);
    const window = monthWindow(month);
    const now = this.clock.now();
    const schema = this.store.schema;

    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `with candidates as (
         select c.case_id, c.case_number, c.received_at, c.status, c.hops,
                c.joint as joint,
                c.arbitration as arbitration,
                exists (
                  select 1 from ${tableName(schema, 'assignments')} a
                   where a.case_id = c.case_id and a.resolved_at is null
                     and not a.returned and not a.transferred and not a.closed
                     and ((a.acknowledged_at is null and a.acknowledge_due_at < $2)
                          or a.resolve_due_at < $2)) as overdue,
                exists (
                  select 1 from "${schema}".escalation_steps s
                   where s.case_id = c.case_id and s.step = 'joint-meeting') as escalated,
                c.repeat_count + 1 >= 3 as repeat,
                (select array_agg(distinct a.unit order by a.unit)
                   from ${tableName(schema, 'assignments')} a
                  where a.case_id = c.case_id and not a.returned
                    and not a.transferred) as units
           from ${tableName(schema, 'cases')} c
          where c.township = $1 and c.closed_at is null
            and not exists (
              select 1 from ${tableName(schema, 'events')} e
               where e.case_id = c.case_id and e.type = 'JointMeetingDecided'
                 and e.data->>'township' = $1 and e.occurred_at >= $3))
       select * from candidates
        where joint or arbitration or overdue or escalated or repeat
        order by received_at, case_id`,
      [township, now, window.from],
    );

    const items = rows.map((row) => ({
      caseId: row.case_id as string,
      caseNumber: row.case_number as string | null,
      receivedAt: (row.received_at as Date).toISOString(),
      status: row.status as string,
      hops: row.hops as number,
      units: (row.units as string[] | null) ?? [],
      reasons: (Object.keys(REASONS) as AgendaReason[])
        .filter((reason) => row[reason] === true)
        .map((reason) => REASONS[reason]),
    }));

    const name = TOWNSHIPS.find((t) => t.code === township)?.name ?? township;
    const body = {
      township,
      name,
      month,
      generatedAt: now.toISOString(),
      items,
    };
    return respond(res, chosen, body, () => ({
      title: `${name}${month}联席会议议程`,
      columns: [
        { key: 'caseNumber', header: '案件编号' },
        { key: 'reasons', header: '提交事由' },
        { key: 'units', header: '涉及单位' },
        { key: 'status', header: '状态' },
        { key: 'receivedAt', header: '受理时间' },
      ],
      rows: items.map((item) => ({
        ...item,
        reasons: item.reasons.join('；'),
        units: item.units.join('、'),
      })),
    }));
  }

  /** Records the minutes; each decision becomes a JointMeetingDecided event. */
  @Post()
  @Roles('township', 'supervisor', 'dispatcher', 'admin')
  async record(
    @Body() minutes: RecordMinutesDto,
    @CurrentUser() principal: Principal,
  ) {
    if (!TOWNSHIPS.some((t) => t.code === minutes.township)) {
      throw new DomainError(
        'TOWNSHIP.UNKNOWN',
        `no township ${minutes.township}`,
        'township',
      );
    }
    assertTownship(principal, minutes.township);
    minutes.decisions.forEach((decision, i) => {
      const units = decision.units ?? [];
      if (decision.decision === 'assign' && units.length === 0) {
        throw new DomainError(
          'UNITS.REQUIRED',
          'an assign decision names its units',
          `decisions.${i}.units`,
        );
      }
      const unknown = units.find((unit) => !isUnitCode(unit));
      if (unknown) {
        throw new DomainError(
          'UNIT.UNKNOWN',
          `no unit ${unknown}`,
          `decisions.${i}.units`,
        );
      }
    });

    const meetingId = randomUUID();
    const heldAt = new Date(minutes.heldAt).toISOString();
    const schema = this.store.schema;

    await this.dataSource.transaction(async (manager) => {
      for (const [i, decision] of minutes.decisions.entries()) {
        const [row] = await manager.query(
          `select township from ${tableName(schema, 'cases')} where case_id = $1`,
          [decision.caseId],
        );
        if (!row) {
          throw new DomainError(
            'CASE.NOT_FOUND',
            `no case ${decision.caseId}`,
            `decisions.${i}.caseId`,
          );
        }
        if (row.township !== minutes.township) {
          throw new DomainError(
            'MEETING.CASE_OF_OTHER_TOWNSHIP',
            `case ${decision.caseId} is not in ${minutes.township}`,
            `decisions.${i}.caseId`,
          );
        }
      }

      await manager.query(
        `insert into "${schema}".joint_meetings
           (meeting_id, township, month, held_at, attendees, decisions, recorded_by)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          meetingId,
          minutes.township,
          minutes.month,
          heldAt,
          JSON.stringify(minutes.attendees),
          JSON.stringify(minutes.decisions),
          principal.sub,
        ],
      );

      const events: JointMeetingDecided[] = minutes.decisions.map(
        (decision) => ({
          type: 'JointMeetingDecided',
          version: EVENT_VERSIONS.JointMeetingDecided,
          id: randomUUID(),
          caseId: decision.caseId,
          occurredAt: heldAt,
          actor: {
            kind: 'user',
            id: principal.sub,
            role: principal.role,
            ...(principal.township ? { township: principal.township } : {}),
          },
          data: {
            meetingId,
            township: minutes.township,
            decision: decision.decision,
            units: decision.units ?? [],
            note: decision.note,
          },
        }),
      );
      await this.outbox.append(manager, TOPICS.reporting, events);
    });

    return {
      meetingId,
      township: minutes.township,
      month: minutes.month,
      decisions: minutes.decisions.length,
    };
  }
}

function assertTownship(principal: Principal, township: string): void {
  if (principal.role === 'township' && principal.township !== township) {
    throw new DomainError(
      'MEETING.FORBIDDEN',
      "a coordinator runs only their own township's meeting",
      'township',
    );
  }
}
