import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { compareEvents, Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { CaseAccess } from '../access/case-access';
import { parseFormat, respond } from '../exports/tabular';
import { ProjectionStore } from '../projections/projection-store';
import { labelOf, reasonOf, unitOf } from './event-labels';

export interface TimelineEntry {
  eventId: string;
  type: string;
  label: string;
  occurredAt: string;
  actor: unknown;
  unit: string | null;
  reason: string | null;
  data: unknown;
}

/** A case's history: every event once, in the order it happened. */
@ApiTags('timeline')
@ApiBearerAuth()
@Controller('cases')
export class TimelineController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectionStore,
    private readonly access: CaseAccess,
  ) {}

  @Get(':caseId/timeline')
  @Roles('dispatcher', 'supervisor', 'admin', 'operator', 'township', 'liaison')
  async timeline(
    @Param('caseId') caseId: string,
    @Query('format') format: string | undefined,
    @CurrentUser() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const chosen = parseFormat(format);
    await this.access.assertMayRead(principal, caseId);

    const events = await this.store.eventsOf(this.dataSource.manager, caseId);
    const entries: TimelineEntry[] = events
      .sort(compareEvents)
      .map((event) => ({
        eventId: event.id,
        type: event.type,
        label: labelOf(event),
        occurredAt: event.occurredAt,
        actor: event.actor,
        unit: unitOf(event),
        reason: reasonOf(event),
        data: withoutCallerRef(event.data),
      }));

    return respond(res, chosen, { caseId, events: entries }, () => ({
      title: `案件时间线-${caseId}`,
      columns: [
        { key: 'occurredAt', header: '时间' },
        { key: 'label', header: '环节' },
        { key: 'unit', header: '单位' },
        { key: 'actor', header: '操作人' },
        { key: 'reason', header: '原因/结果' },
        { key: 'eventId', header: '事件编号' },
      ],
      rows: entries.map((entry) => ({
        ...entry,
        actor: actorText(
          entry.actor as { kind: string; id: string; role?: string },
        ),
      })),
    }));
  }
}

function actorText(actor: { kind: string; id: string; role?: string }): string {
  if (actor.kind === 'system') return '系统';
  if (actor.kind === 'resident') return '群众';
  return actor.role ? `${actor.role}:${actor.id}` : actor.id;
}

/**
 * The caller reference is intake's key to personal data; a timeline reader
 * has no use for it, and units must not learn who complained.
 */
function withoutCallerRef(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('callerRef' in data)) {
    return data;
  }
  const { callerRef: _callerRef, ...rest } = data as Record<string, unknown>;
  return rest;
}
