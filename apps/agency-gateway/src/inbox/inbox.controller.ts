import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, Principal } from '@lianzhi/domain';
import { Clock, CurrentUser, Roles } from '@lianzhi/platform';
import { mayRead, notVisible } from '../assignments/assignment-scope';
import {
  AssignmentRecord,
  toDetail,
  toSummary,
} from '../assignments/assignment.record';
import { AssignmentStore } from '../assignments/assignment.store';
import { InboxQuery } from './inbox.query';

/**
 * Each unit's inbox: a liaison sees the unit's assignments, a township
 * coordinator the township's, the district office all of them.
 */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller()
export class InboxController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: AssignmentStore,
    private readonly clock: Clock,
  ) {}

  @Get('inbox')
  @Roles('liaison', 'township', 'dispatcher', 'supervisor')
  async inbox(@Query() query: InboxQuery, @CurrentUser() user: Principal) {
    const now = this.clock.now();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };

    if (user.role === 'liaison') add('unit = ?', requireScope(user.unit));
    if (user.role === 'township') {
      add('township = ?', requireScope(user.township));
    }
    if (query.urgency) add('urgency = ?', query.urgency);
    if (query.township) add('township = ?', query.township);
    if (query.overdue) add('due_at < ?', now.toISOString());

    const scope = where.length ? `where ${where.join(' and ')}` : '';
    const counted = await this.dataSource.query(
      `select status, count(*)::int as n from gateway.assignments ${scope}
        group by status`,
      params,
    );

    if (query.state) add('status = ?', query.state);
    const filtered = where.length ? `where ${where.join(' and ')}` : '';
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const rows: AssignmentRecord[] = await this.dataSource.query(
      `select * from gateway.assignments ${filtered}
        order by due_at asc nulls last,
                 array_position(array['critical','urgent','normal'], urgency),
                 issued_at, assignment_id
        limit ${limit} offset ${offset}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(
      `select count(*)::int as total from gateway.assignments ${filtered}`,
      params,
    );

    return {
      total,
      counts: Object.fromEntries(
        counted.map((c: { status: string; n: number }) => [c.status, c.n]),
      ),
      items: rows.map((row) => toSummary(row, now)),
    };
  }

  @Get('assignments/:assignmentId')
  @Roles('liaison', 'township', 'dispatcher', 'supervisor')
  async assignment(
    @Param('assignmentId') assignmentId: string,
    @CurrentUser() user: Principal,
  ) {
    const row = await this.store.find(this.dataSource.manager, assignmentId);
    if (!row || !mayRead(user, row)) throw notVisible(user);

    return toDetail(row, this.clock.now());
  }

  /** Where each unit stands on a case, for the operator calling back (回访). */
  @Get('cases/:caseId/assignments')
  @Roles('operator', 'dispatcher', 'supervisor')
  async ofCase(@Param('caseId') caseId: string) {
    const [found] = await this.dataSource.query(
      `select status, reopen_count from gateway.cases where case_id = $1`,
      [caseId],
    );
    if (!found) {
      throw new DomainError('CASE.NOT_FOUND', 'no such case', 'caseId');
    }

    const now = this.clock.now();
    const rows = await this.store.ofCase(this.dataSource.manager, caseId);
    return {
      caseId,
      status: found.status,
      reopenCount: found.reopen_count,
      assignments: rows.map((row) => toSummary(row, now)),
    };
  }
}

function requireScope(code: string | undefined): string {
  if (!code) {
    throw new DomainError(
      'AUTH.FORBIDDEN',
      'the signed-in user is bound to no unit or township',
    );
  }
  return code;
}
