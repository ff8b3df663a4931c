import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { DistrictDecisions } from '../dispatch/district-decision';
import { ManualDispatchDecisionDto } from '../dispatch/district-decision.dto';
import { Page, PAGE_DEFAULT, PageQuery } from '../dispatch/page.query';

/** 人工派单: the district's queue of cases routing could not settle alone. */
@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('dispatch/queue')
export class DispatchQueueController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: DistrictDecisions,
  ) {}

  /** Most urgent first, then longest waiting; `total` counts every one. */
  @Get()
  @Roles('dispatcher', 'supervisor', 'admin')
  async waiting(@Query() query: PageQuery): Promise<Page<unknown>> {
    const limit = query.limit ?? PAGE_DEFAULT;
    const offset = query.offset ?? 0;
    const items = await this.dataSource.query(
      `select case_id as "caseId", case_number as "caseNumber", description,
              address, category, urgency, township, hop,
              excluded_units as "excludedUnits", waiting_reason as reason,
              waiting_suggestions as suggestions,
              waiting_candidates as "townshipCandidates",
              waiting_since as "waitingSince", received_at as "receivedAt"
         from routing.cases where status = 'manual'
        order by case urgency when 'critical' then 0 when 'urgent' then 1
                 else 2 end, waiting_since, case_id
        limit $1 offset $2`,
      [limit, offset],
    );
    const [{ total }] = await this.dataSource.query(
      `select count(*)::int as total from routing.cases where status = 'manual'`,
    );
    return { total, limit, offset, items };
  }

  @Post(':caseId/decision')
  @HttpCode(201)
  @Roles('dispatcher', 'supervisor', 'admin')
  decide(
    @Param('caseId') caseId: string,
    @Body() body: ManualDispatchDecisionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.decisions.decide('manual', caseId, body, user);
  }
}
