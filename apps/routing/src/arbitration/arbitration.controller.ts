import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { DistrictDecisions } from '../dispatch/district-decision';
import { ArbitrationDecisionDto } from '../dispatch/district-decision.dto';
import { Page, PAGE_DEFAULT, PageQuery } from '../dispatch/page.query';

/** 审定: cases that bounced between units too often, with their trail. */
@ApiTags('arbitration')
@ApiBearerAuth()
@Controller('arbitration')
export class ArbitrationController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: DistrictDecisions,
  ) {}

  @Get()
  @Roles('dispatcher', 'supervisor')
  async pending(@Query() query: PageQuery): Promise<Page<unknown>> {
    const limit = query.limit ?? PAGE_DEFAULT;
    const offset = query.offset ?? 0;
    const items = await this.dataSource.query(
      `select c.case_id as "caseId", c.case_number as "caseNumber",
              c.description, c.address, c.urgency, c.township, c.hop,
              c.excluded_units as "excludedUnits", c.waiting_reason as reason,
              c.waiting_since as "since",
              coalesce((select json_agg(json_build_object(
                         'hop', h.hop, 'unit', h.unit, 'action', h.action,
                         'reason', h.reason, 'legalBasis', h.legal_basis,
                         'toUnit', h.to_unit, 'at', h.at) order by h.id)
                 from routing.hops h where h.case_id = c.case_id), '[]') as trail
         from routing.cases c where c.status = 'arbitration'
        order by c.waiting_since, c.case_id
        limit $1 offset $2`,
      [limit, offset],
    );
    const [{ total }] = await this.dataSource.query(
      `select count(*)::int as total from routing.cases
        where status = 'arbitration'`,
    );
    return { total, limit, offset, items };
  }

  @Post(':caseId/decision')
  @HttpCode(201)
  @Roles('dispatcher', 'supervisor')
  decide(
    @Param('caseId') caseId: string,
    @Body() body: ArbitrationDecisionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.decisions.decide('arbitration', caseId, body, user);
  }
}
